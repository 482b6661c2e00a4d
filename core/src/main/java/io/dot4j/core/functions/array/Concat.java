package io.dot4j.core.functions.array;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Shapes;
import io.dot4j.core.tensor.Tensor;

/** Joins inputs along an axis; all other dimensions must match. The gradient is split back into the pieces. */
public final class Concat extends Function {
    private final int axis;
    private int[][] shapes;
    private int ax;

    public Concat(int axis) {
        this.axis = axis;
    }

    @Override
    protected Tensor[] forward(Tensor... in) {
        if (in.length == 0) {
            throw new IllegalArgumentException("concat: expected at least one input, actual none");
        }
        int[] first = in[0].shape();
        ax = Shapes.axis("concat", axis, first.length);
        shapes = new int[in.length][];
        int total = 0;
        for (int i = 0; i < in.length; i++) {
            int[] s = in[i].shape();
            boolean ok = s.length == first.length;
            for (int d = 0; ok && d < s.length; d++) {
                ok = d == ax || s[d] == first[d];
            }
            if (!ok) {
                throw new ShapeException("concat: expected input " + i + " to match " + Shapes.str(first) + " except on axis " + ax
                        + ", actual " + Shapes.str(s));
            }
            shapes[i] = s;
            total += s[ax];
        }
        int[] os = first.clone();
        os[ax] = total;
        int outer = 1;
        for (int d = 0; d < ax; d++) {
            outer *= first[d];
        }
        int inner = 1;
        for (int d = ax + 1; d < first.length; d++) {
            inner *= first[d];
        }
        Tensor y = Tensor.zeros(os);
        float[] dst = y.data();
        int rowOut = total * inner;
        int at = 0;
        for (int i = 0; i < in.length; i++) {
            int rowIn = shapes[i][ax] * inner;
            float[] src = in[i].data();
            for (int o = 0; o < outer; o++) {
                System.arraycopy(src, o * rowIn, dst, o * rowOut + at, rowIn);
            }
            at += rowIn;
        }
        return out(y);
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        float[] src = gy[0].data();
        int[] os = gy[0].shape();
        int outer = 1;
        for (int d = 0; d < ax; d++) {
            outer *= os[d];
        }
        int inner = 1;
        for (int d = ax + 1; d < os.length; d++) {
            inner *= os[d];
        }
        int rowOut = os[ax] * inner;
        Tensor[] gx = new Tensor[shapes.length];
        int at = 0;
        for (int i = 0; i < shapes.length; i++) {
            int rowIn = shapes[i][ax] * inner;
            if (needsInputGrad(i)) {
                gx[i] = Tensor.zeros(shapes[i]);
                float[] dst = gx[i].data();
                for (int o = 0; o < outer; o++) {
                    System.arraycopy(src, o * rowOut + at, dst, o * rowIn, rowIn);
                }
            }
            at += rowIn;
        }
        return gx;
    }
}
