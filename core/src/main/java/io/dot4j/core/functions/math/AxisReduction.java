package io.dot4j.core.functions.math;

import io.dot4j.core.tensor.Shapes;
import io.dot4j.core.tensor.Tensor;

/** Shared index arithmetic for reductions over one axis: the input is viewed as [outer, n, inner]. */
final class AxisReduction {
    final int outer;
    final int n;
    final int inner;
    final int[] inShape;
    final int[] outShape;

    /** axis == null reduces over everything (output shape [] or all-ones with keepDims). */
    AxisReduction(String op, int[] shape, Integer axis, boolean keepDims) {
        inShape = shape.clone();
        if (axis == null) {
            outer = 1;
            n = Shapes.size(shape);
            inner = 1;
            outShape = keepDims ? ones(shape.length) : new int[0];
            return;
        }
        int a = Shapes.axis(op, axis, shape.length);
        int o = 1;
        for (int i = 0; i < a; i++) {
            o *= shape[i];
        }
        int in = 1;
        for (int i = a + 1; i < shape.length; i++) {
            in *= shape[i];
        }
        outer = o;
        n = shape[a];
        inner = in;
        if (keepDims) {
            outShape = shape.clone();
            outShape[a] = 1;
        } else {
            outShape = new int[shape.length - 1];
            for (int i = 0, j = 0; i < shape.length; i++) {
                if (i != a) {
                    outShape[j++] = shape[i];
                }
            }
        }
    }

    private static int[] ones(int r) {
        int[] s = new int[r];
        java.util.Arrays.fill(s, 1);
        return s;
    }

    /** Sum over the axis, times scale; accumulates in index order (double for the full reduction). */
    Tensor sum(Tensor x, float scale) {
        Tensor y = Tensor.zeros(outShape);
        float[] xd = x.data();
        float[] yd = y.data();
        if (outer == 1 && inner == 1) {
            double s = 0;
            for (float v : xd) {
                s += v;
            }
            yd[0] = (float) (s * scale);
            return y;
        }
        for (int o = 0; o < outer; o++) {
            int yo = o * inner;
            for (int k = 0; k < n; k++) {
                int xo = (o * n + k) * inner;
                for (int i = 0; i < inner; i++) {
                    yd[yo + i] += xd[xo + i];
                }
            }
        }
        if (scale != 1f) {
            y.scaleInPlace(scale);
        }
        return y;
    }

    /** The gradient of the sum: gy (scaled) copied along the reduced axis. */
    Tensor spread(Tensor gy, float scale) {
        Tensor gx = Tensor.zeros(inShape);
        float[] g = gy.data();
        float[] d = gx.data();
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < n; k++) {
                int xo = (o * n + k) * inner;
                for (int i = 0; i < inner; i++) {
                    d[xo + i] = g[o * inner + i] * scale;
                }
            }
        }
        return gx;
    }
}
