package io.dot4j.core.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API tile kernel: an MR x NR tile of C in 2*MR vector registers ({@link FloatWidth}: NR = 2 * lanes, 32,
 * 16 or 8 columns), updated for each p with one broadcast of A(r, p) per row and two loads of the packed panel row of
 * B. Twelve accumulators fit the 16 vector registers of AVX2 and SSE as well as AVX-512's 32. Only loaded when the
 * {@code jdk.incubator.vector} module is present (see {@link GemmKernels#VECTOR}).
 *
 * <p>Each method has its accumulators in plain local variables (arrays of vectors would be boxed on the heap), and
 * {@code b.fma(a, acc)} rounds once, exactly like {@code Math.fma(a, b, acc)} in the scalar kernel.
 */
final class GemmVectorKernels {
    private static final VectorSpecies<Float> S = FloatWidth.FLOATS;
    private static final int L = FloatWidth.LANES;
    /** Columns per tile: two vectors. */
    static final int NR = 2 * L;

    private GemmVectorKernels() {
    }

    /** True when the JVM has 128-bit float vectors or wider (the kernel then runs at {@link FloatWidth#BITS}). */
    static boolean usable() {
        return FloatWidth.preferredBits() >= 128 && S.length() == L;
    }

    /** See {@link GemmKernels#scalarTile} with all NR columns valid; dispatches on the number of rows. */
    static void tile(int rows, int kc, float[] a, int aOff, int ai, int ap, float[] b, int bOff, int bs, float[] c, int cOff,
                     int ldc, boolean load) {
        switch (rows) {
            case 6 -> tile6(kc, a, aOff, ai, ap, b, bOff, bs, c, cOff, ldc, load);
            case 4 -> tile4(kc, a, aOff, ai, ap, b, bOff, bs, c, cOff, ldc, load);
            case 2 -> tile2(kc, a, aOff, ai, ap, b, bOff, bs, c, cOff, ldc, load);
            case 1 -> tile1(kc, a, aOff, ap, b, bOff, bs, c, cOff, load);
            default -> {
                for (int r = 0; r < rows; r++) {
                    tile1(kc, a, aOff + r * ai, ap, b, bOff, bs, c, cOff + r * ldc, load);
                }
            }
        }
    }

    /** C's current values, or zeros for the first block of a product that does not accumulate; small so it inlines. */
    private static FloatVector get(float[] c, int off, boolean load) {
        return load ? FloatVector.fromArray(S, c, off) : FloatVector.zero(S);
    }

    private static void tile6(int kc, float[] a, int aOff, int ai, int ap, float[] b, int bOff, int bs, float[] c, int cOff,
                              int ldc, boolean load) {
        int c0 = cOff;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        int c4 = c3 + ldc;
        int c5 = c4 + ldc;
        FloatVector x00 = get(c, c0, load);
        FloatVector x01 = get(c, c0 + L, load);
        FloatVector x10 = get(c, c1, load);
        FloatVector x11 = get(c, c1 + L, load);
        FloatVector x20 = get(c, c2, load);
        FloatVector x21 = get(c, c2 + L, load);
        FloatVector x30 = get(c, c3, load);
        FloatVector x31 = get(c, c3 + L, load);
        FloatVector x40 = get(c, c4, load);
        FloatVector x41 = get(c, c4 + L, load);
        FloatVector x50 = get(c, c5, load);
        FloatVector x51 = get(c, c5 + L, load);
        int a0 = aOff;
        int a1 = a0 + ai;
        int a2 = a1 + ai;
        int a3 = a2 + ai;
        int a4 = a3 + ai;
        int a5 = a4 + ai;
        for (int p = 0, q = 0, bo = bOff; p < kc; p++, q += ap, bo += bs) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector s = FloatVector.broadcast(S, a[a0 + q]);
            x00 = b0.fma(s, x00);
            x01 = b1.fma(s, x01);
            s = FloatVector.broadcast(S, a[a1 + q]);
            x10 = b0.fma(s, x10);
            x11 = b1.fma(s, x11);
            s = FloatVector.broadcast(S, a[a2 + q]);
            x20 = b0.fma(s, x20);
            x21 = b1.fma(s, x21);
            s = FloatVector.broadcast(S, a[a3 + q]);
            x30 = b0.fma(s, x30);
            x31 = b1.fma(s, x31);
            s = FloatVector.broadcast(S, a[a4 + q]);
            x40 = b0.fma(s, x40);
            x41 = b1.fma(s, x41);
            s = FloatVector.broadcast(S, a[a5 + q]);
            x50 = b0.fma(s, x50);
            x51 = b1.fma(s, x51);
        }
        x00.intoArray(c, c0);
        x01.intoArray(c, c0 + L);
        x10.intoArray(c, c1);
        x11.intoArray(c, c1 + L);
        x20.intoArray(c, c2);
        x21.intoArray(c, c2 + L);
        x30.intoArray(c, c3);
        x31.intoArray(c, c3 + L);
        x40.intoArray(c, c4);
        x41.intoArray(c, c4 + L);
        x50.intoArray(c, c5);
        x51.intoArray(c, c5 + L);
    }

    private static void tile4(int kc, float[] a, int aOff, int ai, int ap, float[] b, int bOff, int bs, float[] c, int cOff,
                              int ldc, boolean load) {
        int c0 = cOff;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector x00 = get(c, c0, load);
        FloatVector x01 = get(c, c0 + L, load);
        FloatVector x10 = get(c, c1, load);
        FloatVector x11 = get(c, c1 + L, load);
        FloatVector x20 = get(c, c2, load);
        FloatVector x21 = get(c, c2 + L, load);
        FloatVector x30 = get(c, c3, load);
        FloatVector x31 = get(c, c3 + L, load);
        int a0 = aOff;
        int a1 = a0 + ai;
        int a2 = a1 + ai;
        int a3 = a2 + ai;
        for (int p = 0, q = 0, bo = bOff; p < kc; p++, q += ap, bo += bs) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector s = FloatVector.broadcast(S, a[a0 + q]);
            x00 = b0.fma(s, x00);
            x01 = b1.fma(s, x01);
            s = FloatVector.broadcast(S, a[a1 + q]);
            x10 = b0.fma(s, x10);
            x11 = b1.fma(s, x11);
            s = FloatVector.broadcast(S, a[a2 + q]);
            x20 = b0.fma(s, x20);
            x21 = b1.fma(s, x21);
            s = FloatVector.broadcast(S, a[a3 + q]);
            x30 = b0.fma(s, x30);
            x31 = b1.fma(s, x31);
        }
        x00.intoArray(c, c0);
        x01.intoArray(c, c0 + L);
        x10.intoArray(c, c1);
        x11.intoArray(c, c1 + L);
        x20.intoArray(c, c2);
        x21.intoArray(c, c2 + L);
        x30.intoArray(c, c3);
        x31.intoArray(c, c3 + L);
    }

    private static void tile2(int kc, float[] a, int aOff, int ai, int ap, float[] b, int bOff, int bs, float[] c, int cOff,
                              int ldc, boolean load) {
        int c0 = cOff;
        int c1 = c0 + ldc;
        FloatVector x00 = get(c, c0, load);
        FloatVector x01 = get(c, c0 + L, load);
        FloatVector x10 = get(c, c1, load);
        FloatVector x11 = get(c, c1 + L, load);
        int a0 = aOff;
        int a1 = a0 + ai;
        for (int p = 0, q = 0, bo = bOff; p < kc; p++, q += ap, bo += bs) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector s = FloatVector.broadcast(S, a[a0 + q]);
            x00 = b0.fma(s, x00);
            x01 = b1.fma(s, x01);
            s = FloatVector.broadcast(S, a[a1 + q]);
            x10 = b0.fma(s, x10);
            x11 = b1.fma(s, x11);
        }
        x00.intoArray(c, c0);
        x01.intoArray(c, c0 + L);
        x10.intoArray(c, c1);
        x11.intoArray(c, c1 + L);
    }

    private static void tile1(int kc, float[] a, int aOff, int ap, float[] b, int bOff, int bs, float[] c, int cOff,
                              boolean load) {
        FloatVector x00 = get(c, cOff, load);
        FloatVector x01 = get(c, cOff + L, load);
        for (int p = 0, q = aOff, bo = bOff; p < kc; p++, q += ap, bo += bs) {
            FloatVector s = FloatVector.broadcast(S, a[q]);
            x00 = FloatVector.fromArray(S, b, bo).fma(s, x00);
            x01 = FloatVector.fromArray(S, b, bo + L).fma(s, x01);
        }
        x00.intoArray(c, cOff);
        x01.intoArray(c, cOff + L);
    }
}
