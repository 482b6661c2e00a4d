package io.dot4j.core.tensor;

import java.util.Arrays;

/**
 * Elementwise binary arithmetic with numpy broadcasting, and the reverse step for gradients: summing a broadcast
 * gradient back to the operand's shape. The operator is chosen once outside the loops (an enum, not a lambda) so that
 * each loop stays monomorphic and fast.
 */
public final class Broadcast {
    private Broadcast() {
    }

    /** The four arithmetic operators. */
    public enum Op { ADD, SUB, MUL, DIV }

    /** a (op) b with broadcasting; the output has the broadcast shape. */
    public static Tensor apply(String name, Op op, Tensor a, Tensor b) {
        int[] as = a.shape();
        int[] bs = b.shape();
        float[] x = a.data();
        float[] y = b.data();
        if (Arrays.equals(as, bs)) {
            Tensor r = Tensor.zeros(as);
            loop(op, x, 0, 1, y, 0, 1, r.data(), 0, x.length);
            return r;
        }
        int[] os = Shapes.broadcast(name, as, bs);
        Tensor r = Tensor.zeros(os);
        float[] z = r.data();
        if (z.length == 0) {
            return r;
        }
        int[] sa = Shapes.broadcastStrides(as, os);
        int[] sb = Shapes.broadcastStrides(bs, os);
        int rank = os.length;
        int inner = rank == 0 ? 1 : os[rank - 1];
        int ia = rank == 0 ? 0 : sa[rank - 1];
        int ib = rank == 0 ? 0 : sb[rank - 1];
        int[] idx = new int[rank];
        int offA = 0;
        int offB = 0;
        for (int o = 0; o < z.length; o += inner) {
            loop(op, x, offA, ia, y, offB, ib, z, o, inner);
            // advance the multi-index over all but the last dimension (odometer)
            for (int d = rank - 2; d >= 0; d--) {
                idx[d]++;
                offA += sa[d];
                offB += sb[d];
                if (idx[d] < os[d]) {
                    break;
                }
                offA -= sa[d] * os[d];
                offB -= sb[d] * os[d];
                idx[d] = 0;
            }
        }
        return r;
    }

    private static void loop(Op op, float[] x, int xo, int xs, float[] y, int yo, int ys, float[] z, int zo, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    z[zo + i] = x[xo + i * xs] + y[yo + i * ys];
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    z[zo + i] = x[xo + i * xs] - y[yo + i * ys];
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    z[zo + i] = x[xo + i * xs] * y[yo + i * ys];
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    z[zo + i] = x[xo + i * xs] / y[yo + i * ys];
                }
            }
        }
    }

    /**
     * Sums {@code g} (of a broadcast shape) down to {@code shape}: over leading extra dimensions and over dimensions
     * where {@code shape} has 1. Returns g itself when the shapes are already equal. The summation visits g in
     * row-major order, so the result is deterministic.
     */
    public static Tensor sumTo(Tensor g, int[] shape) {
        int[] gs = g.shape();
        if (Arrays.equals(gs, shape)) {
            return g;
        }
        int[] check = Shapes.broadcast("sumTo", shape, gs);
        if (!Arrays.equals(check, gs)) {
            throw new ShapeException("sumTo: expected " + Shapes.str(shape) + " to broadcast to " + Shapes.str(gs)
                    + ", actual broadcast " + Shapes.str(check));
        }
        Tensor r = Tensor.zeros(shape);
        float[] out = r.data();
        float[] in = g.data();
        if (in.length == 0) {
            return r;
        }
        int rank = gs.length;
        int[] so = Shapes.broadcastStrides(shape, gs);
        int inner = rank == 0 ? 1 : gs[rank - 1];
        int io = rank == 0 ? 0 : so[rank - 1];
        int[] idx = new int[rank];
        int off = 0;
        for (int p = 0; p < in.length; p += inner) {
            if (io == 0) {
                float s = out[off];
                for (int i = 0; i < inner; i++) {
                    s += in[p + i];
                }
                out[off] = s;
            } else {
                for (int i = 0; i < inner; i++) {
                    out[off + i] += in[p + i];
                }
            }
            for (int d = rank - 2; d >= 0; d--) {
                idx[d]++;
                off += so[d];
                if (idx[d] < gs[d]) {
                    break;
                }
                off -= so[d] * gs[d];
                idx[d] = 0;
            }
        }
        return r;
    }
}
