package io.dot4j.core.tensor;

import java.util.Arrays;

/** Small helpers on shapes (int arrays): sizes, validation, numpy broadcasting and row-major strides. */
public final class Shapes {
    private Shapes() {
    }

    /** Number of elements of a shape; throws if a dimension is negative or the count overflows an int. */
    public static int size(int... shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new ShapeException("shape: expected non-negative dimensions, actual " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new ShapeException("shape: expected at most 2^31-9 elements, actual " + Arrays.toString(shape));
            }
        }
        return (int) n;
    }

    /** Row-major (C order) strides in elements. */
    public static int[] strides(int... shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    public static String str(int... shape) {
        return Arrays.toString(shape);
    }

    /** Normalizes a possibly negative axis (-1 = last) and checks it is in range. */
    public static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new ShapeException(op + ": expected axis in [" + (-rank) + ", " + rank + "), actual " + axis);
        }
        return a;
    }

    /**
     * The numpy broadcast of two shapes: align trailing dimensions; each pair must be equal or contain a 1.
     */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new ShapeException(op + ": expected broadcastable shapes (equal dims or 1, aligned from the right), actual "
                        + str(a) + " and " + str(b));
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Strides (in elements) with which to read a tensor of shape {@code src} while walking the broadcast shape
     * {@code out} in row-major order: 0 on broadcast (size-1 or missing) dimensions.
     */
    public static int[] broadcastStrides(int[] src, int[] out) {
        int[] s = new int[out.length];
        int[] own = strides(src);
        int off = out.length - src.length;
        for (int i = 0; i < out.length; i++) {
            if (i >= off && src[i - off] != 1) {
                s[i] = own[i - off];
            }
        }
        return s;
    }
}
