package io.dot4j.core.perf;

import io.dot4j.core.tensor.Parallel;
import io.dot4j.core.tensor.ShapeException;

import java.util.Arrays;

/**
 * Single-precision matrix products on row-major float arrays, cache-blocked and parallel over rows of C.
 *
 * <p>B is first packed into column panels of width NC with one array per row (one copy of B per call, cheap next to
 * the product). The inner loop is {@code acc[j] = acc[j] + a_ip b_p[j] + a_ip+1 b_p+1[j] + ...} over contiguous j,
 * where acc is a scratch copy of a row segment of C: scalars times contiguous rows, which C2 turns into SIMD code.
 * It only does so because every array in the loop is indexed by the same j; with offsets into one big array it cannot
 * rule out overlap and leaves the loop scalar (measured about 4x slower).
 *
 * <p>Every C[i][j] is summed over p in ascending order, left to right, whatever the blocking or thread count, so
 * results are bit-identical to a plain triple loop in i-p-j order and independent of {@link Parallel#threads()}.
 */
public final class OldGemm {
    /** Rows of B per block (the accumulator is stored back once per block). */
    private static final int KC = 256;
    /** Columns per panel: a panel row is 2 KB, the accumulator stays in L1. */
    private static final int NC = 512;

    private OldGemm() {
    }

    private static void check(String op, int m, int n, int k, float[] a, float[] b, float[] c) {
        if (m < 0 || n < 0 || k < 0) {
            throw new ShapeException(op + ": expected non-negative sizes, actual m=" + m + " n=" + n + " k=" + k);
        }
        if (a.length < (long) m * k || b.length < (long) k * n || c.length < (long) m * n) {
            throw new ShapeException(op + ": arrays too short for m=" + m + " n=" + n + " k=" + k + ", actual lengths a="
                    + a.length + " b=" + b.length + " c=" + c.length);
        }
    }

    /** C[m,n] = (accumulate ? C : 0) + A[m,k] * B[k,n]. */
    public static void nn(int m, int n, int k, float[] a, float[] b, float[] c, boolean accumulate) {
        check("gemm", m, n, k, a, b, c);
        float[][][] panels = pack(b, k, n, false);
        Parallel.forRange(m, (long) n * k, (i0, i1) -> kernel(i0, i1, n, k, a, k, 1, panels, c, accumulate));
    }

    /** C[m,n] = (accumulate ? C : 0) + A^T * B where A is stored [k,m] and B is [k,n]. */
    public static void tn(int m, int n, int k, float[] a, float[] b, float[] c, boolean accumulate) {
        check("gemm_tn", m, n, k, a, b, c);
        float[][][] panels = pack(b, k, n, false);
        Parallel.forRange(m, (long) n * k, (i0, i1) -> kernel(i0, i1, n, k, a, 1, m, panels, c, accumulate));
    }

    /**
     * C[m,n] = (accumulate ? C : 0) + A * B^T where A is [m,k] and B is stored [n,k]. B is packed transposed; or,
     * when that moves fewer floats, A is, computing C^T = B A^T and transposing the small result back. Products
     * commute exactly, so both routes give the same bits as the plain loop.
     */
    public static void nt(int m, int n, int k, float[] a, float[] b, float[] c, boolean accumulate) {
        check("gemm_nt", m, n, k, a, b, c);
        if ((long) m * k + (long) m * n < (long) n * k) {
            float[][][] panels = pack(a, k, m, true);
            float[] ct = new float[n * m];
            if (accumulate) {
                transpose(c, m, n, ct);
            }
            Parallel.forRange(n, (long) m * k, (i0, i1) -> kernel(i0, i1, m, k, b, k, 1, panels, ct, accumulate));
            transpose(ct, n, m, c);
            return;
        }
        float[][][] panels = pack(b, k, n, true);
        Parallel.forRange(m, (long) n * k, (i0, i1) -> kernel(i0, i1, n, k, a, k, 1, panels, c, accumulate));
    }

    /** dst[cols, rows] = src[rows, cols]^T, in tiles to stay in cache. */
    public static void transpose(float[] src, int rows, int cols, float[] dst) {
        final int t = 32;
        for (int r0 = 0; r0 < rows; r0 += t) {
            int r1 = Math.min(rows, r0 + t);
            for (int c0 = 0; c0 < cols; c0 += t) {
                int c1 = Math.min(cols, c0 + t);
                for (int r = r0; r < r1; r++) {
                    for (int c = c0; c < c1; c++) {
                        dst[c * rows + r] = src[r * cols + c];
                    }
                }
            }
        }
    }

    /**
     * Splits the [k, n] right-hand matrix into column panels of width NC, each a separate array per row:
     * {@code panels[jb][p][jj] = B(p, jb*NC + jj)}. B(p, j) is {@code src[p*n + j]}, or {@code src[j*k + p]} when
     * {@code transposed} (src stored [n, k]).
     */
    private static float[][][] pack(float[] src, int k, int n, boolean transposed) {
        int blocks = (n + NC - 1) / NC;
        float[][][] panels = new float[blocks][k][];
        for (int jb = 0; jb < blocks; jb++) {
            int j0 = jb * NC;
            int w = Math.min(NC, n - j0);
            for (int p = 0; p < k; p++) {
                float[] row;
                if (transposed) {
                    row = new float[w];
                    for (int jj = 0; jj < w; jj++) {
                        row[jj] = src[(j0 + jj) * k + p];
                    }
                } else {
                    row = Arrays.copyOfRange(src, p * n + j0, p * n + j0 + w);
                }
                panels[jb][p] = row;
            }
        }
        return panels;
    }

    /**
     * Rows [i0, i1) of C; A(i, p) is read at {@code a[i * ai + p * ap]} so one kernel serves A and A^T.
     *
     * <p>Each row segment of C is summed in a scratch array indexed exactly like the packed rows of B. C2 only
     * vectorizes the update when it can prove the loads and the store do not overlap across iterations; with every
     * array indexed by the same j that holds even if two of them were the same array, while with different offsets
     * into C and B it does not vectorize at all (measured several times slower).
     */
    private static void kernel(int i0, int i1, int n, int k, float[] a, int ai, int ap, float[][][] panels, float[] c,
                               boolean accumulate) {
        float[] acc = new float[Math.min(NC, n)];
        for (int p0 = 0; p0 < k || p0 == 0; p0 += KC) {
            int p1 = Math.min(k, p0 + KC);
            for (int jb = 0; jb < panels.length; jb++) {
                float[][] b = panels[jb];
                int j0 = jb * NC;
                int w = Math.min(NC, n - j0);
                for (int i = i0; i < i1; i++) {
                    int ci = i * n + j0;
                    if (p0 == 0 && !accumulate) {
                        Arrays.fill(acc, 0, w, 0f);
                    } else {
                        System.arraycopy(c, ci, acc, 0, w);
                    }
                    int aRow = i * ai;
                    int p = p0;
                    // several rows of B per pass: the accumulator is loaded and stored once per 8 (or 4)
                    // multiply-adds, and the sum is written left to right, so it rounds exactly like separate
                    // passes in ascending p
                    for (; p + 7 < p1; p += 8) {
                        int q = aRow + p * ap;
                        axpy8(a[q], a[q + ap], a[q + 2 * ap], a[q + 3 * ap], a[q + 4 * ap], a[q + 5 * ap], a[q + 6 * ap],
                                a[q + 7 * ap], b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7],
                                acc, w);
                    }
                    for (; p + 3 < p1; p += 4) {
                        int q = aRow + p * ap;
                        axpy4(a[q], a[q + ap], a[q + 2 * ap], a[q + 3 * ap], b[p], b[p + 1], b[p + 2], b[p + 3], acc, w);
                    }
                    for (; p < p1; p++) {
                        axpy(a[aRow + p * ap], b[p], acc, w);
                    }
                    System.arraycopy(acc, 0, c, ci, w);
                }
            }
        }
    }

    @SuppressWarnings("java:S107") // eight scalars and eight rows: the point of the kernel
    private static void axpy8(float s0, float s1, float s2, float s3, float s4, float s5, float s6, float s7,
                              float[] b0, float[] b1, float[] b2, float[] b3, float[] b4, float[] b5, float[] b6,
                              float[] b7, float[] c, int w) {
        for (int j = 0; j < w; j++) {
            c[j] = c[j] + s0 * b0[j] + s1 * b1[j] + s2 * b2[j] + s3 * b3[j] + s4 * b4[j] + s5 * b5[j]
                    + s6 * b6[j] + s7 * b7[j];
        }
    }

    private static void axpy4(float s0, float s1, float s2, float s3, float[] b0, float[] b1, float[] b2, float[] b3,
                              float[] c, int w) {
        for (int j = 0; j < w; j++) {
            c[j] = c[j] + s0 * b0[j] + s1 * b1[j] + s2 * b2[j] + s3 * b3[j];
        }
    }

    private static void axpy(float s, float[] b, float[] c, int w) {
        for (int j = 0; j < w; j++) {
            c[j] += s * b[j];
        }
    }
}
