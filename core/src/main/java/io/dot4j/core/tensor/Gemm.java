package io.dot4j.core.tensor;

/**
 * Single-precision matrix products on row-major float arrays, cache-blocked and parallel over rows of C.
 *
 * <p>The inner loop is {@code c[i, j..] += a_ip * b[p, j..]}: a scalar times a contiguous row added to a contiguous
 * row, which C2 turns into SIMD code. Blocks of K (rows of B) and N (columns) keep the touched part of B in cache.
 * Every C[i][j] is summed over p in ascending order whatever the blocking or thread count, so results are
 * bit-identical to a plain triple loop in i-p-j order and independent of {@link Parallel#threads()}.
 */
public final class Gemm {
    private static final int KC = 128;
    private static final int NC = 1024;

    private Gemm() {
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
        Parallel.forRange(m, (long) n * k, (i0, i1) -> kernel(i0, i1, n, k, a, k, 1, b, c, accumulate));
    }

    /** C[m,n] = (accumulate ? C : 0) + A^T * B where A is stored [k,m] and B is [k,n]. */
    public static void tn(int m, int n, int k, float[] a, float[] b, float[] c, boolean accumulate) {
        check("gemm_tn", m, n, k, a, b, c);
        Parallel.forRange(m, (long) n * k, (i0, i1) -> kernel(i0, i1, n, k, a, 1, m, b, c, accumulate));
    }

    /**
     * C[m,n] = (accumulate ? C : 0) + A * B^T where A is [m,k] and B is stored [n,k]. One operand is transposed into a
     * scratch array so that the inner loop stays a contiguous axpy (a dot-product loop would not vectorize): B, or,
     * when that moves fewer floats, A, computing C^T = B A^T and transposing the small result back. Products commute
     * exactly, so both routes give the same bits as the plain loop.
     */
    public static void nt(int m, int n, int k, float[] a, float[] b, float[] c, boolean accumulate) {
        check("gemm_nt", m, n, k, a, b, c);
        if ((long) m * k + (long) m * n < (long) n * k) {
            float[] at = new float[m * k];
            transpose(a, m, k, at);
            float[] ct = new float[n * m];
            if (accumulate) {
                transpose(c, m, n, ct);
            }
            Parallel.forRange(n, (long) m * k, (i0, i1) -> kernel(i0, i1, m, k, b, k, 1, at, ct, accumulate));
            transpose(ct, n, m, c);
            return;
        }
        float[] bt = new float[k * n];
        transpose(b, n, k, bt);
        Parallel.forRange(m, (long) n * k, (i0, i1) -> kernel(i0, i1, n, k, a, k, 1, bt, c, accumulate));
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
     * Rows [i0, i1) of C; A(i, p) is read at {@code a[i * ai + p * ap]} so one kernel serves A and A^T.
     */
    private static void kernel(int i0, int i1, int n, int k, float[] a, int ai, int ap, float[] b, float[] c,
                               boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, i0 * n, i1 * n, 0f);
        }
        for (int p0 = 0; p0 < k; p0 += KC) {
            int p1 = Math.min(k, p0 + KC);
            for (int j0 = 0; j0 < n; j0 += NC) {
                int j1 = Math.min(n, j0 + NC);
                for (int i = i0; i < i1; i++) {
                    int ci = i * n;
                    int aRow = i * ai;
                    int p = p0;
                    // four rows of B per pass: C is loaded and stored once per four multiply-adds. The sum is
                    // written left to right, so it rounds exactly like four separate passes in ascending p.
                    for (; p + 3 < p1; p += 4) {
                        axpy4(a[aRow + p * ap], a[aRow + (p + 1) * ap], a[aRow + (p + 2) * ap], a[aRow + (p + 3) * ap],
                                b, p * n, n, c, ci, j0, j1);
                    }
                    for (; p < p1; p++) {
                        axpy(a[aRow + p * ap], b, p * n, c, ci, j0, j1);
                    }
                }
            }
        }
    }

    /** c[ci + j] = c[ci + j] + s0 b[p, j] + s1 b[p+1, j] + s2 b[p+2, j] + s3 b[p+3, j], summed left to right. */
    private static void axpy4(float s0, float s1, float s2, float s3, float[] b, int bp, int n, float[] c, int ci,
                              int j0, int j1) {
        int b1 = bp + n;
        int b2 = b1 + n;
        int b3 = b2 + n;
        for (int j = j0; j < j1; j++) {
            c[ci + j] = c[ci + j] + s0 * b[bp + j] + s1 * b[b1 + j] + s2 * b[b2 + j] + s3 * b[b3 + j];
        }
    }

    /** c[ci + j] += s * b[bp + j] for j in [j0, j1): the loop C2 vectorizes. */
    private static void axpy(float s, float[] b, int bp, float[] c, int ci, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            c[ci + j] += s * b[bp + j];
        }
    }
}
