package io.dot4j.core.functions.array;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Shapes;
import io.dot4j.core.tensor.Tensor;

/**
 * Permutes axes: output axis i is input axis perm[i] (numpy's transpose). Without a permutation the axes are reversed.
 * The gradient is the transpose by the inverse permutation.
 */
public final class Transpose extends Function {
    private final int[] perm;
    private int[] usedPerm;

    /** Reverses the axes. */
    public Transpose() {
        this.perm = null;
    }

    public Transpose(int... perm) {
        this.perm = perm.clone();
    }

    @Override
    protected Tensor[] forward(Tensor... in) {
        Tensor x = in[0];
        int r = x.rank();
        int[] p = perm;
        if (p == null) {
            p = new int[r];
            for (int i = 0; i < r; i++) {
                p[i] = r - 1 - i;
            }
        }
        check(p, r, x.shape());
        usedPerm = p;
        return out(permute(x, p));
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        int[] inv = new int[usedPerm.length];
        for (int i = 0; i < usedPerm.length; i++) {
            inv[usedPerm[i]] = i;
        }
        return out(permute(gy[0], inv));
    }

    private static void check(int[] p, int rank, int[] shape) {
        boolean[] seen = new boolean[rank];
        boolean ok = p.length == rank;
        for (int i = 0; ok && i < p.length; i++) {
            ok = p[i] >= 0 && p[i] < rank && !seen[p[i]];
            if (ok) {
                seen[p[i]] = true;
            }
        }
        if (!ok) {
            throw new ShapeException("transpose: expected a permutation of 0.." + (rank - 1) + " for shape " + Shapes.str(shape)
                    + ", actual " + Shapes.str(p));
        }
    }

    /** out[i0..ik] = x[index with axis p[d] = i_d], walking the output in row-major order. */
    static Tensor permute(Tensor x, int[] p) {
        int[] xs = x.shape();
        int r = xs.length;
        int[] os = new int[r];
        int[] xStride = Shapes.strides(xs);
        int[] step = new int[r];
        for (int d = 0; d < r; d++) {
            os[d] = xs[p[d]];
            step[d] = xStride[p[d]];
        }
        Tensor y = Tensor.zeros(os);
        float[] src = x.data();
        float[] dst = y.data();
        if (dst.length == 0) {
            return y;
        }
        if (r == 0) {
            dst[0] = src[0];
            return y;
        }
        int inner = os[r - 1];
        int innerStep = step[r - 1];
        int[] idx = new int[r];
        int off = 0;
        for (int o = 0; o < dst.length; o += inner) {
            for (int i = 0; i < inner; i++) {
                dst[o + i] = src[off + i * innerStep];
            }
            for (int d = r - 2; d >= 0; d--) {
                idx[d]++;
                off += step[d];
                if (idx[d] < os[d]) {
                    break;
                }
                off -= step[d] * os[d];
                idx[d] = 0;
            }
        }
        return y;
    }
}
