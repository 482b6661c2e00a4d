package io.dot4j.core.tensor;

import java.util.Arrays;

/**
 * Single-precision matrix products on row-major float arrays, register-blocked and parallel over rows or column
 * panels of C.
 *
 * <p>B is packed into column panels of {@link GemmKernels#NR} columns ({@code packed[(jb*k + p)*NR + jj] =
 * B(p, jb*NR + jj)}, zero-padded), so the kernel reads it as one contiguous stream whatever B's layout (plain,
 * transposed). The kernel keeps an MR x NR tile of C in vector registers and, for each p, multiplies broadcast
 * elements of A into it with fused multiply-adds; see {@link GemmKernels}.
 *
 * <p>Every C[i][j] is computed as {@code c = fma(A(i,p), B(p,j), c)} for p = 0, 1, ..., k-1 in ascending order,
 * starting from 0 (or from C when accumulating), whatever the blocking, panel, thread count or kernel (vector or
 * scalar). So results are bit-identical to the plain triple loop with {@link Math#fma} and independent of
 * {@link Parallel#threads()} and of the hardware's vector width.
 */
public final class Gemm {
    /** Rows of B per block: a block of a packed panel (KC x NR floats, 32 KB) stays in L1. */
    private static final int KC = 256;
    /** Largest k for which B with contiguous rows is read in place rather than packed. */
    private static final int DIRECT_K = 64;
    /** Below this many multiply-adds the scalar kernel is used (same bits; spares C2 warm-up of the vector code). */
    static final long VECTOR_WORK = 1L << 15;
    /** Reused packing buffer per calling thread (the packed B of one conv layer is several MB). */
    private static final ThreadLocal<float[]> PACK = new ThreadLocal<>();
    /** Buffers above this many floats are not kept between calls. */
    private static final int KEEP_FLOATS = 16 << 20;
    /** Per-thread scratch for callers that pack their own panels ({@link ConvPanels}); separate from PACK. */
    private static final ThreadLocal<float[]> SCRATCH = new ThreadLocal<>();

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
        gemm(m, n, k, a, k, 1, b, n, 1, c, accumulate);
    }

    /** C[m,n] = (accumulate ? C : 0) + A^T * B where A is stored [k,m] and B is [k,n]. */
    public static void tn(int m, int n, int k, float[] a, float[] b, float[] c, boolean accumulate) {
        check("gemm_tn", m, n, k, a, b, c);
        gemm(m, n, k, a, 1, m, b, n, 1, c, accumulate);
    }

    /**
     * C[m,n] = (accumulate ? C : 0) + A * B^T where A is [m,k] and B is stored [n,k]. B is packed transposed; or,
     * when that moves fewer floats, A is, computing C^T = B A^T and transposing the small result back. Products
     * commute exactly, so both routes give the same bits as the plain loop.
     */
    public static void nt(int m, int n, int k, float[] a, float[] b, float[] c, boolean accumulate) {
        check("gemm_nt", m, n, k, a, b, c);
        if ((long) m * k + (long) m * n < (long) n * k) {
            float[] ct = new float[n * m];
            if (accumulate) {
                transpose(c, m, n, ct);
            }
            gemm(n, m, k, b, k, 1, a, 1, k, ct, accumulate);
            transpose(ct, n, m, c);
            return;
        }
        gemm(m, n, k, a, k, 1, b, 1, k, c, accumulate);
    }

    /**
     * C[m,n] (row-major, leading dimension n) = (accumulate ? C : 0) + A B with A(i,p) = {@code a[i*ai + p*ap]} and
     * B(p,j) = {@code b[p*bp + j*bj]}.
     */
    static void gemm(int m, int n, int k, float[] a, int ai, int ap, float[] b, int bp, int bj, float[] c,
                     boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                Arrays.fill(c, 0, m * n, 0f);
            }
            return;
        }
        final int nr = GemmKernels.NR;
        int panels = (n + nr - 1) / nr;
        // A short B (k <= DIRECT_K) with contiguous rows is read in place (full panels; only a partial last panel is
        // copied, zero-padded): packing would move as many floats as the kernel reads. Taller ones are packed, since
        // a block of KC rows read in place can alias in L1 (rows 16 KB apart in LeNet's conv2: 2.5x slower).
        boolean direct = bj == 1 && k <= DIRECT_K;
        int packedPanels = direct ? (n % nr == 0 ? 0 : 1) : panels;
        long packedSize = (long) packedPanels * k * nr;
        if (packedSize > Integer.MAX_VALUE - 16) {
            throw new ShapeException("gemm: operand too large to pack, k=" + k + " n=" + n);
        }
        float[] packed = PACK.get();
        if (packed == null || packed.length < packedSize) {
            packed = new float[(int) packedSize];
            if (packedSize <= KEEP_FLOATS) {
                PACK.set(packed);
            }
        }
        float[] bpk = packed;
        if (direct) {
            if (packedPanels == 1) {
                packDirect(b, bp, k, n, panels - 1, bpk);
            }
        } else {
            Parallel.forRange(panels, (long) k * nr, (j0, j1) -> pack(b, bp, bj, k, n, j0, j1, bpk));
        }
        boolean vector = GemmKernels.VECTOR && (long) m * n * k >= VECTOR_WORK;
        int mr = GemmKernels.MR;
        int rowTiles = (m + mr - 1) / mr;
        if (panels >= rowTiles) {
            // wide C (a conv forward): split the column panels
            Parallel.forRange(panels, (long) m * k * nr, (q0, q1) -> block(0, m, q0, q1, n, k, a, ai, ap, b, bp, direct,
                    bpk, 0, c, 0, accumulate, vector));
        } else {
            Parallel.forRange(rowTiles, (long) mr * k * n, (t0, t1) -> block(t0 * mr, Math.min(m, t1 * mr), 0, panels,
                    n, k, a, ai, ap, b, bp, direct, bpk, 0, c, 0, accumulate, vector));
        }
    }

    /** This thread's reusable scratch of at least {@code floats} floats (contents undefined). */
    static float[] scratch(int floats) {
        float[] s = SCRATCH.get();
        if (s == null || s.length < floats) {
            s = new float[floats];
            if (floats <= KEEP_FLOATS) {
                SCRATCH.set(s);
            }
        }
        return s;
    }

    /** Copies the partial last panel jb of a B with contiguous rows into dst[p*NR + jj], zero-padded. */
    private static void packDirect(float[] b, int bp, int k, int n, int jb, float[] dst) {
        final int nr = GemmKernels.NR;
        int col0 = jb * nr;
        int w = n - col0;
        for (int p = 0; p < k; p++) {
            System.arraycopy(b, p * bp + col0, dst, p * nr, w);
            Arrays.fill(dst, p * nr + w, p * nr + nr, 0f);
        }
    }

    /** Packs panels [j0, j1) of B (see class comment), zero-padding the last one. */
    private static void pack(float[] b, int bp, int bj, int k, int n, int j0, int j1, float[] dst) {
        final int nr = GemmKernels.NR;
        for (int jb = j0; jb < j1; jb++) {
            int col0 = jb * nr;
            int w = Math.min(nr, n - col0);
            int base = jb * k * nr;
            if (bj == 1) {
                for (int p = 0; p < k; p++) {
                    int d = base + p * nr;
                    System.arraycopy(b, p * bp + col0, dst, d, w);
                    if (w < nr) {
                        Arrays.fill(dst, d + w, d + nr, 0f);
                    }
                }
            } else {
                // transposed source: B(p, j) = b[p*bp + j*bj]; walk each source row j contiguously in p
                if (w < nr) {
                    for (int p = 0; p < k; p++) {
                        Arrays.fill(dst, base + p * nr + w, base + p * nr + nr, 0f);
                    }
                }
                for (int jj = 0; jj < w; jj++) {
                    int src = (col0 + jj) * bj;
                    for (int p = 0, d = base + jj; p < k; p++, d += nr) {
                        dst[d] = b[src + p * bp];
                    }
                }
            }
        }
    }

    /**
     * Rows [i0, i1) x column panels [q0, q1) of C, in blocks of KC rows of B. Packed panel jb is read at panel index
     * jb - firstPanel of bpk; C(i, j) lives at c[cOff + i*n + j].
     */
    static void block(int i0, int i1, int q0, int q1, int n, int k, float[] a, int ai, int ap, float[] bIn, int bp,
                      boolean direct, float[] bpk, int firstPanel, float[] c, int cOff, boolean accumulate, boolean vector) {
        final int nr = GemmKernels.NR;
        float[] edge = null;
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            boolean load = accumulate || p0 > 0;
            for (int jb = q0; jb < q1; jb++) {
                int col0 = jb * nr;
                int w = Math.min(nr, n - col0);
                // where the kernel reads B(p0.., col0..): in place, or in the packed panel
                boolean inPlace = direct && w == nr;
                float[] src = inPlace ? bIn : bpk;
                int bs = inPlace ? bp : nr;
                int bOff = inPlace ? p0 * bp + col0 : ((direct ? 0 : jb - firstPanel) * k + p0) * nr;
                int i = i0;
                while (i < i1) {
                    int rows = GemmKernels.tileRows(i1 - i);
                    int aOff = i * ai + p0 * ap;
                    if (!vector) {
                        GemmKernels.scalarTile(rows, kc, a, aOff, ai, ap, src, bOff, bs, c, cOff + i * n + col0, n, w, load);
                    } else if (w == nr) {
                        GemmVectorKernels.tile(rows, kc, a, aOff, ai, ap, src, bOff, bs, c, cOff + i * n + col0, n, load);
                    } else {
                        // last, partial panel: run the full-width kernel on a scratch tile (the kernel has no masks,
                        // which keeps it small enough for C2 to keep every vector in a register)
                        if (edge == null) {
                            edge = new float[GemmKernels.MR * nr];
                        }
                        for (int r = 0; r < rows && load; r++) {
                            System.arraycopy(c, cOff + (i + r) * n + col0, edge, r * nr, w);
                        }
                        GemmVectorKernels.tile(rows, kc, a, aOff, ai, ap, src, bOff, bs, edge, 0, nr, load);
                        for (int r = 0; r < rows; r++) {
                            System.arraycopy(edge, r * nr, c, cOff + (i + r) * n + col0, w);
                        }
                    }
                    i += rows;
                }
            }
        }
    }

    /**
     * The float kernels this JVM runs (GEMM, conv panels, max pool, row dot): "vector-512", "vector-256" or
     * "vector-128" (the Vector API at that width), or "scalar" (no jdk.incubator.vector, or -Ddot4j.vector=false).
     */
    public static String kernel() {
        return GemmKernels.VECTOR ? "vector-" + FloatWidth.BITS : "scalar";
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
}
