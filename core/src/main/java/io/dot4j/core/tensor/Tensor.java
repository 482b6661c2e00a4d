package io.dot4j.core.tensor;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A float32 n-dimensional array, row-major and contiguous: element (i0, .., ik) lives at
 * {@code data[i0 * strides[0] + .. + ik]}. A rank-0 tensor (shape {@code []}) is a scalar holding one element.
 *
 * <p>Tensors are mutable ({@link #data()} exposes the backing array so kernels can run without copies).
 * {@link #reshape} returns a view that shares the array; everything else that returns a tensor returns a new one.
 */
public final class Tensor {
    private final float[] data;
    private final int[] shape;

    private Tensor(float[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    // ---------------------------------------------------------------- factories

    /** Wraps an array without copying; its length must equal the product of the shape. */
    public static Tensor wrap(float[] data, int... shape) {
        Objects.requireNonNull(data, "data");
        int[] s = shape.clone();
        int n = Shapes.size(s);
        if (data.length != n) {
            throw new ShapeException("tensor: expected " + n + " values for shape " + Shapes.str(s) + ", actual " + data.length);
        }
        return new Tensor(data, s);
    }

    /** A tensor holding a copy of {@code data} with the given shape. */
    public static Tensor of(float[] data, int... shape) {
        return wrap(data.clone(), shape);
    }

    /** A 1-d tensor holding a copy of the values. */
    public static Tensor vector(float... values) {
        return wrap(values.clone(), values.length);
    }

    /** A rank-0 tensor. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, new int[0]);
    }

    public static Tensor zeros(int... shape) {
        int[] s = shape.clone();
        return new Tensor(new float[Shapes.size(s)], s);
    }

    public static Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    public static Tensor zerosLike(Tensor t) {
        return new Tensor(new float[t.data.length], t.shape.clone());
    }

    /** Values drawn from N(0, std^2) in row-major order. */
    public static Tensor randn(RandomGenerator rng, float std, int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = (float) (rng.nextGaussian() * std);
        }
        return t;
    }

    public static Tensor randn(RandomGenerator rng, int... shape) {
        return randn(rng, 1f, shape);
    }

    /** Values drawn uniformly from [lo, hi) in row-major order. */
    public static Tensor uniform(RandomGenerator rng, float lo, float hi, int... shape) {
        if (!(lo < hi)) {
            throw new IllegalArgumentException("uniform: expected lo < hi, actual lo=" + lo + " hi=" + hi);
        }
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = lo + (hi - lo) * rng.nextFloat();
        }
        return t;
    }

    // ---------------------------------------------------------------- shape

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Size of dimension {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return shape[Shapes.axis("dim", axis, shape.length)];
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return data.length;
    }

    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    public boolean hasShape(int... s) {
        return Arrays.equals(shape, s);
    }

    /** The backing array (not a copy): kernels read and write it directly. */
    public float[] data() {
        return data;
    }

    /** The value of a one-element tensor. */
    public float item() {
        if (data.length != 1) {
            throw new ShapeException("item: expected a tensor with one element, actual shape " + Shapes.str(shape));
        }
        return data[0];
    }

    private int offset(int... index) {
        if (index.length != shape.length) {
            throw new ShapeException("index: expected " + shape.length + " indices for shape " + Shapes.str(shape)
                    + ", actual " + Arrays.toString(index));
        }
        int off = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index: " + Arrays.toString(index) + " out of bounds for shape " + Shapes.str(shape));
            }
            off = off * shape[i] + index[i];
        }
        return off;
    }

    public float get(int... index) {
        return data[offset(index)];
    }

    public void set(float value, int... index) {
        data[offset(index)] = value;
    }

    /**
     * A view with a new shape sharing this tensor's data; one dimension may be -1 and is then inferred.
     */
    public Tensor reshape(int... newShape) {
        int[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) {
                    throw new ShapeException("reshape: expected at most one -1, actual " + Shapes.str(newShape));
                }
                infer = i;
            } else if (s[i] < 0) {
                throw new ShapeException("reshape: expected dimensions >= 0 or a single -1, actual " + Shapes.str(newShape));
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || data.length % known != 0) {
                throw new ShapeException("reshape: cannot infer -1 in " + Shapes.str(newShape) + " for " + data.length
                        + " elements of shape " + Shapes.str(shape));
            }
            s[infer] = (int) (data.length / known);
        }
        if (Shapes.size(s) != data.length) {
            throw new ShapeException("reshape: expected a shape with " + data.length + " elements (from " + Shapes.str(shape)
                    + "), actual " + Shapes.str(newShape));
        }
        return new Tensor(data, s);
    }

    public Tensor copy() {
        return new Tensor(data.clone(), shape.clone());
    }

    // ---------------------------------------------------------------- elementwise (same shape)

    private void requireSameShape(String op, Tensor o) {
        if (!Arrays.equals(shape, o.shape)) {
            throw new ShapeException(op + ": expected equal shapes, actual " + Shapes.str(shape) + " and " + Shapes.str(o.shape));
        }
    }

    public Tensor add(Tensor o) {
        requireSameShape("add", o);
        Tensor r = zerosLike(this);
        for (int i = 0; i < data.length; i++) {
            r.data[i] = data[i] + o.data[i];
        }
        return r;
    }

    public Tensor sub(Tensor o) {
        requireSameShape("sub", o);
        Tensor r = zerosLike(this);
        for (int i = 0; i < data.length; i++) {
            r.data[i] = data[i] - o.data[i];
        }
        return r;
    }

    public Tensor mul(Tensor o) {
        requireSameShape("mul", o);
        Tensor r = zerosLike(this);
        for (int i = 0; i < data.length; i++) {
            r.data[i] = data[i] * o.data[i];
        }
        return r;
    }

    public Tensor scale(float s) {
        Tensor r = zerosLike(this);
        for (int i = 0; i < data.length; i++) {
            r.data[i] = data[i] * s;
        }
        return r;
    }

    /** this += o, returns this. */
    public Tensor addInPlace(Tensor o) {
        requireSameShape("addInPlace", o);
        for (int i = 0; i < data.length; i++) {
            data[i] += o.data[i];
        }
        return this;
    }

    /** this += alpha * o, returns this. */
    public Tensor axpyInPlace(float alpha, Tensor o) {
        requireSameShape("axpyInPlace", o);
        for (int i = 0; i < data.length; i++) {
            data[i] += alpha * o.data[i];
        }
        return this;
    }

    public Tensor scaleInPlace(float s) {
        for (int i = 0; i < data.length; i++) {
            data[i] *= s;
        }
        return this;
    }

    public Tensor fill(float v) {
        Arrays.fill(data, v);
        return this;
    }

    /** Copies o's values into this tensor (same size required; shapes may differ). */
    public Tensor copyFrom(Tensor o) {
        if (o.data.length != data.length) {
            throw new ShapeException("copyFrom: expected " + data.length + " elements, actual " + o.data.length);
        }
        System.arraycopy(o.data, 0, data, 0, data.length);
        return this;
    }

    public float sum() {
        // accumulate in double in index order: deterministic and accurate enough for losses and checks
        double s = 0;
        for (float v : data) {
            s += v;
        }
        return (float) s;
    }

    public float maxAbs() {
        float m = 0;
        for (float v : data) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Index of the largest value in each row of a [N, K] tensor (first one on ties). */
    public int[] argmaxRows() {
        if (shape.length != 2) {
            throw new ShapeException("argmaxRows: expected a 2-d tensor, actual " + Shapes.str(shape));
        }
        int n = shape[0];
        int k = shape[1];
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (data[i * k + j] > data[i * k + best]) {
                    best = j;
                }
            }
            r[i] = best;
        }
        return r;
    }

    /** Same shape and the same bits in every element. */
    public boolean bitEquals(Tensor o) {
        if (!Arrays.equals(shape, o.shape)) {
            return false;
        }
        for (int i = 0; i < data.length; i++) {
            if (Float.floatToRawIntBits(data[i]) != Float.floatToRawIntBits(o.data[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        int show = Math.min(data.length, 16);
        StringBuilder sb = new StringBuilder("Tensor").append(Shapes.str(shape)).append('[');
        for (int i = 0; i < show; i++) {
            sb.append(i == 0 ? "" : ", ").append(data[i]);
        }
        return sb.append(data.length > show ? ", ...]" : "]").toString();
    }
}
