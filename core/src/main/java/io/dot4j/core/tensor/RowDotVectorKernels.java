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
        int j = j0;
        for (; j + 4 <= j1; j += 4) {
            int i = 0;
            for (; i + 3 <= m; i += 3) {
                t4x3(k, a, i * k, b, j * k, c, i * n + j, n);
            }
            for (; i < m; i++) {
                t4x1(k, a, i * k, b, j * k, c, i * n + j);
            }
        }
        for (; j < j1; j++) {
            for (int i = 0; i < m; i++) {
                c[i * n + j] = t1x1(k, a, i * k, b, j * k);
            }
        }
    }

    // One loop per kernel with a mask on every load (all lanes but in a last partial block of 16): masked loads cost
    // no more than plain ones, and a second, peeled tail made the methods too big for C1 (they then never reached C2).

    /** Rows bOff.. (4 of B, k apart) times rows aOff.. (3 of A): C at cOff + r*ldc + q for A row r and B row q. */
    private static void t4x3(int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc) {
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s03 = s00;
        FloatVector s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        FloatVector s20 = s00, s21 = s00, s22 = s00, s23 = s00;
        int a1 = aOff + k, a2 = a1 + k;
        int b1 = bOff + k, b2 = b1 + k, b3 = b2 + k;
        for (int p = 0; p < k; p += L) {
            VectorMask<Float> in = S.indexInRange(p, k);
            FloatVector x0 = FloatVector.fromArray(S, a, aOff + p, in);
            FloatVector x1 = FloatVector.fromArray(S, a, a1 + p, in);
            FloatVector x2 = FloatVector.fromArray(S, a, a2 + p, in);
            FloatVector w = FloatVector.fromArray(S, b, bOff + p, in);
            s00 = x0.fma(w, s00);
            s10 = x1.fma(w, s10);
            s20 = x2.fma(w, s20);
            w = FloatVector.fromArray(S, b, b1 + p, in);
            s01 = x0.fma(w, s01);
            s11 = x1.fma(w, s11);
            s21 = x2.fma(w, s21);
            w = FloatVector.fromArray(S, b, b2 + p, in);
            s02 = x0.fma(w, s02);
            s12 = x1.fma(w, s12);
            s22 = x2.fma(w, s22);
            w = FloatVector.fromArray(S, b, b3 + p, in);
            s03 = x0.fma(w, s03);
            s13 = x1.fma(w, s13);
            s23 = x2.fma(w, s23);
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
    private static void t4x1(int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int b1 = bOff + k, b2 = b1 + k, b3 = b2 + k;
        for (int p = 0; p < k; p += L) {
            VectorMask<Float> in = S.indexInRange(p, k);
            FloatVector x = FloatVector.fromArray(S, a, aOff + p, in);
            s0 = x.fma(FloatVector.fromArray(S, b, bOff + p, in), s0);
            s1 = x.fma(FloatVector.fromArray(S, b, b1 + p, in), s1);
            s2 = x.fma(FloatVector.fromArray(S, b, b2 + p, in), s2);
            s3 = x.fma(FloatVector.fromArray(S, b, b3 + p, in), s3);
        }
        c[cOff] = sum(s0);
        c[cOff + 1] = sum(s1);
        c[cOff + 2] = sum(s2);
        c[cOff + 3] = sum(s3);
    }

    /** One dot product (the last rows of a B that is not a multiple of 4 rows). */
    private static float t1x1(int k, float[] a, int aOff, float[] b, int bOff) {
        FloatVector s = FloatVector.zero(S);
        for (int p = 0; p < k; p += L) {
            VectorMask<Float> in = S.indexInRange(p, k);
            s = FloatVector.fromArray(S, a, aOff + p, in).fma(FloatVector.fromArray(S, b, bOff + p, in), s);
        }
        return sum(s);
    }
}
