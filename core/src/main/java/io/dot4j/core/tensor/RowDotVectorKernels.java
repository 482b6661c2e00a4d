package io.dot4j.core.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels of {@link RowDot}: each partial-sum vector holds the sixteen lanes of one dot product, so
 * lane l sums p = l, l + 16, ... exactly as the scalar kernel does, and the lanes are reduced with fixed shuffles in the
 * tree order (never with {@code reduceLanes}, whose order is unspecified and differs between interpreter and C2).
 * Accumulators are plain locals so that C2 keeps them in registers.
 */
final class RowDotVectorKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int L = RowDot.LANES;
    private static final VectorShuffle<Float> BY8 = rotation(8);
    private static final VectorShuffle<Float> BY4 = rotation(4);
    private static final VectorShuffle<Float> BY2 = rotation(2);
    private static final VectorShuffle<Float> BY1 = rotation(1);

    private RowDotVectorKernels() {
    }

    /** Lane l reads lane (l + d) mod 16. */
    private static VectorShuffle<Float> rotation(int d) {
        int[] idx = new int[L];
        for (int l = 0; l < L; l++) {
            idx[l] = (l + d) % L;
        }
        return VectorShuffle.fromArray(S, idx, 0);
    }

    /** The tree of {@link RowDot#tree}: lanes l < 8 get s_l + s_(l+8), and so on; the result ends in lane 0. */
    private static float sum(FloatVector v) {
        v = v.add(v.rearrange(BY8));
        v = v.add(v.rearrange(BY4));
        v = v.add(v.rearrange(BY2));
        v = v.add(v.rearrange(BY1));
        return v.lane(0);
    }

    /** Columns [j0, j1) of C for every row of A. */
    static void rows(int m, int n, int k, float[] a, float[] b, float[] c, int j0, int j1) {
        int full = k - k % L;
        float[] spill = full < k ? new float[12 * L] : null;
        int j = j0;
        for (; j + 4 <= j1; j += 4) {
            int i = 0;
            for (; i + 3 <= m; i += 3) {
                t4x3(k, full, a, i * k, b, j * k, c, i * n + j, n, spill);
            }
            for (; i < m; i++) {
                t4x1(k, full, a, i * k, b, j * k, c, i * n + j, spill);
            }
        }
        for (; j < j1; j++) {
            for (int i = 0; i < m; i++) {
                c[i * n + j] = t1x1(k, full, a, i * k, b, j * k);
            }
        }
    }

    // The loops run over the full blocks of 16 without masks (masked loads in the loop cost about 30 %). A last partial
    // block continues from partial sums spilled to a small array, in a separate method: a second, masked copy of the
    // loop body inside these methods made them too big for C1, and they then never reached C2.

    /**
     * Rows bOff.. (4 of B, k apart) times rows aOff.. (3 of A): C at cOff + r*ldc + q for A row r and B row q. full is
     * k rounded down to a multiple of 16; spill (12*16 floats) is needed when full < k.
     */
    private static void t4x3(int k, int full, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc,
                             float[] spill) {
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s03 = s00;
        FloatVector s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        FloatVector s20 = s00, s21 = s00, s22 = s00, s23 = s00;
        int a1 = aOff + k, a2 = a1 + k;
        int b1 = bOff + k, b2 = b1 + k, b3 = b2 + k;
        for (int p = 0; p < full; p += L) {
            FloatVector x0 = FloatVector.fromArray(S, a, aOff + p);
            FloatVector x1 = FloatVector.fromArray(S, a, a1 + p);
            FloatVector x2 = FloatVector.fromArray(S, a, a2 + p);
            FloatVector w = FloatVector.fromArray(S, b, bOff + p);
            s00 = x0.fma(w, s00);
            s10 = x1.fma(w, s10);
            s20 = x2.fma(w, s20);
            w = FloatVector.fromArray(S, b, b1 + p);
            s01 = x0.fma(w, s01);
            s11 = x1.fma(w, s11);
            s21 = x2.fma(w, s21);
            w = FloatVector.fromArray(S, b, b2 + p);
            s02 = x0.fma(w, s02);
            s12 = x1.fma(w, s12);
            s22 = x2.fma(w, s22);
            w = FloatVector.fromArray(S, b, b3 + p);
            s03 = x0.fma(w, s03);
            s13 = x1.fma(w, s13);
            s23 = x2.fma(w, s23);
        }
        if (full < k) {
            // spill layout: (A row r, B row q) at (r*4 + q)*16
            s00.intoArray(spill, 0);
            s01.intoArray(spill, L);
            s02.intoArray(spill, 2 * L);
            s03.intoArray(spill, 3 * L);
            s10.intoArray(spill, 4 * L);
            s11.intoArray(spill, 5 * L);
            s12.intoArray(spill, 6 * L);
            s13.intoArray(spill, 7 * L);
            s20.intoArray(spill, 8 * L);
            s21.intoArray(spill, 9 * L);
            s22.intoArray(spill, 10 * L);
            s23.intoArray(spill, 11 * L);
            tail(3, 4, k, full, a, aOff, b, bOff, c, cOff, ldc, spill);
            return;
        }
        int c1 = cOff + ldc, c2 = c1 + ldc;
        c[cOff] = sum(s00);
        c[cOff + 1] = sum(s01);
        c[cOff + 2] = sum(s02);
        c[cOff + 3] = sum(s03);
        c[c1] = sum(s10);
        c[c1 + 1] = sum(s11);
        c[c1 + 2] = sum(s12);
        c[c1 + 3] = sum(s13);
        c[c2] = sum(s20);
        c[c2 + 1] = sum(s21);
        c[c2 + 2] = sum(s22);
        c[c2 + 3] = sum(s23);
    }

    /** Rows bOff.. (4 of B, k apart) times row aOff of A: C at cOff + q for B row q. */
    private static void t4x1(int k, int full, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, float[] spill) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int b1 = bOff + k, b2 = b1 + k, b3 = b2 + k;
        for (int p = 0; p < full; p += L) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + p);
            s0 = x.fma(FloatVector.fromArray(S, b, bOff + p), s0);
            s1 = x.fma(FloatVector.fromArray(S, b, b1 + p), s1);
            s2 = x.fma(FloatVector.fromArray(S, b, b2 + p), s2);
            s3 = x.fma(FloatVector.fromArray(S, b, b3 + p), s3);
        }
        if (full < k) {
            s0.intoArray(spill, 0);
            s1.intoArray(spill, L);
            s2.intoArray(spill, 2 * L);
            s3.intoArray(spill, 3 * L);
            tail(1, 4, k, full, a, aOff, b, bOff, c, cOff, 0, spill);
            return;
        }
        c[cOff] = sum(s0);
        c[cOff + 1] = sum(s1);
        c[cOff + 2] = sum(s2);
        c[cOff + 3] = sum(s3);
    }

    /** The last, partial block of 16 for ar rows of A times br rows of B, from the partial sums in spill. */
    private static void tail(int ar, int br, int k, int full, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                             int ldc, float[] spill) {
        VectorMask<Float> in = S.indexInRange(full, k);
        for (int r = 0; r < ar; r++) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + r * k + full, in);
            for (int q = 0; q < br; q++) {
                FloatVector w = FloatVector.fromArray(S, b, bOff + q * k + full, in);
                FloatVector s = FloatVector.fromArray(S, spill, (r * br + q) * L);
                c[cOff + r * ldc + q] = sum(x.fma(w, s));
            }
        }
    }

    /** One dot product (the last rows of a B that is not a multiple of 4 rows). */
    private static float t1x1(int k, int full, float[] a, int aOff, float[] b, int bOff) {
        FloatVector s = FloatVector.zero(S);
        for (int p = 0; p < full; p += L) {
            s = FloatVector.fromArray(S, a, aOff + p).fma(FloatVector.fromArray(S, b, bOff + p), s);
        }
        if (full < k) {
            VectorMask<Float> in = S.indexInRange(full, k);
            s = FloatVector.fromArray(S, a, aOff + full, in).fma(FloatVector.fromArray(S, b, bOff + full, in), s);
        }
        return sum(s);
    }
}
