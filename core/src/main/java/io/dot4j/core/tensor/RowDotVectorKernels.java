package io.dot4j.core.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels of {@link RowDot} at any {@link FloatWidth}: the sixteen partial sums of one dot product
 * (lane l sums p = l, l + 16, ... exactly as the scalar kernel does) are held as 16 / L vectors of L lanes, computed
 * one part at a time (part q takes lanes [qL, qL + L) of every full block of 16), so a tile keeps as many
 * accumulators at every width. The partial sums are then stored to a small scratch, where the last partial block and
 * the fixed tree of {@link RowDot} are finished in scalar code, in exactly the scalar kernel's order. No masked loads
 * (C2 does not intrinsify all of them with AVX2) and no {@code reduceLanes} (whose order is unspecified).
 * Accumulators are plain locals so that C2 keeps them in registers.
 */
final class RowDotVectorKernels {
    private static final VectorSpecies<Float> S = FloatWidth.FLOATS;
    private static final int L = FloatWidth.LANES;
    private static final int B = RowDot.LANES;
    /** Vectors per block of 16 partial sums. */
    private static final int PARTS = B / L;
    /** Per thread: the partial sums of a tile's 12 dot products. */
    private static final ThreadLocal<float[]> SPILL = ThreadLocal.withInitial(() -> new float[12 * B]);

    private RowDotVectorKernels() {
    }

    /** Columns [j0, j1) of C for every row of A. */
    static void rows(int m, int n, int k, float[] a, float[] b, float[] c, int j0, int j1) {
        int full = k - k % B;
        float[] spill = SPILL.get();
        int j = j0;
        for (; j + 4 <= j1; j += 4) {
            int i = 0;
            for (; i + 3 <= m; i += 3) {
                for (int q = 0; q < PARTS; q++) {
                    t4x3(k, full, q * L, a, i * k, b, j * k, spill);
                }
                for (int r = 0; r < 3; r++) {
                    for (int s = 0; s < 4; s++) {
                        c[(i + r) * n + j + s] = finish(spill, (r * 4 + s) * B, k, full, a, (i + r) * k, b, (j + s) * k);
                    }
                }
            }
            for (; i < m; i++) {
                for (int q = 0; q < PARTS; q++) {
                    t4x1(k, full, q * L, a, i * k, b, j * k, spill);
                }
                for (int s = 0; s < 4; s++) {
                    c[i * n + j + s] = finish(spill, s * B, k, full, a, i * k, b, (j + s) * k);
                }
            }
        }
        for (; j < j1; j++) {
            for (int i = 0; i < m; i++) {
                for (int q = 0; q < PARTS; q++) {
                    t1x1(full, q * L, a, i * k, b, j * k, spill);
                }
                c[i * n + j] = finish(spill, 0, k, full, a, i * k, b, j * k);
            }
        }
    }

    /**
     * The last, partial block of 16 (zeros past k, as the scalar kernel pads it) and the tree, over the 16 partial
     * sums at {@code spill[o..o+16)} of the dot product of rows at aOff and bOff.
     */
    private static float finish(float[] s, int o, int k, int full, float[] a, int aOff, float[] b, int bOff) {
        if (full < k) {
            for (int l = 0; l < B; l++) {
                int p = full + l;
                s[o + l] = p < k ? Math.fma(a[aOff + p], b[bOff + p], s[o + l]) : Math.fma(0f, 0f, s[o + l]);
            }
        }
        for (int l = 0; l < 8; l++) {
            s[o + l] = s[o + l] + s[o + l + 8];
        }
        for (int l = 0; l < 4; l++) {
            s[o + l] = s[o + l] + s[o + l + 4];
        }
        for (int l = 0; l < 2; l++) {
            s[o + l] = s[o + l] + s[o + l + 2];
        }
        return s[o] + s[o + 1];
    }

    /**
     * Part {@code lane0 / L} of 4 rows of B (from bOff, k apart) times 3 rows of A (from aOff): the partial sums of
     * (A row r, B row q) go to spill at (r*4 + q)*16 + lane0.
     */
    private static void t4x3(int k, int full, int lane0, float[] a, int aOff, float[] b, int bOff, float[] spill) {
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s03 = s00;
        FloatVector s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        FloatVector s20 = s00, s21 = s00, s22 = s00, s23 = s00;
        int a1 = aOff + k, a2 = a1 + k;
        int b1 = bOff + k, b2 = b1 + k, b3 = b2 + k;
        for (int p = lane0; p < full; p += B) {
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
        s00.intoArray(spill, lane0);
        s01.intoArray(spill, B + lane0);
        s02.intoArray(spill, 2 * B + lane0);
        s03.intoArray(spill, 3 * B + lane0);
        s10.intoArray(spill, 4 * B + lane0);
        s11.intoArray(spill, 5 * B + lane0);
        s12.intoArray(spill, 6 * B + lane0);
        s13.intoArray(spill, 7 * B + lane0);
        s20.intoArray(spill, 8 * B + lane0);
        s21.intoArray(spill, 9 * B + lane0);
        s22.intoArray(spill, 10 * B + lane0);
        s23.intoArray(spill, 11 * B + lane0);
    }

    /** Part {@code lane0 / L} of 4 rows of B times row aOff of A: B row q's partial sums to spill at q*16 + lane0. */
    private static void t4x1(int k, int full, int lane0, float[] a, int aOff, float[] b, int bOff, float[] spill) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int b1 = bOff + k, b2 = b1 + k, b3 = b2 + k;
        for (int p = lane0; p < full; p += B) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + p);
            s0 = x.fma(FloatVector.fromArray(S, b, bOff + p), s0);
            s1 = x.fma(FloatVector.fromArray(S, b, b1 + p), s1);
            s2 = x.fma(FloatVector.fromArray(S, b, b2 + p), s2);
            s3 = x.fma(FloatVector.fromArray(S, b, b3 + p), s3);
        }
        s0.intoArray(spill, lane0);
        s1.intoArray(spill, B + lane0);
        s2.intoArray(spill, 2 * B + lane0);
        s3.intoArray(spill, 3 * B + lane0);
    }

    /** Part {@code lane0 / L} of one dot product (the last rows of a B that is not a multiple of 4 rows). */
    private static void t1x1(int full, int lane0, float[] a, int aOff, float[] b, int bOff, float[] spill) {
        FloatVector s = FloatVector.zero(S);
        for (int p = lane0; p < full; p += B) {
            s = FloatVector.fromArray(S, a, aOff + p).fma(FloatVector.fromArray(S, b, bOff + p), s);
        }
        s.intoArray(spill, lane0);
    }
}
