package io.dot4j.core.tensor;

/**
 * C[m, n] = A[m, k] B[n, k]^T where both operands are read along their contiguous rows (a dense layer's inputs times
 * its weight [out, in]): every C[i][j] is the dot product of row i of A and row j of B. Used by inference, where the
 * batch can be 1: {@link Gemm#nt} would then pad a single column to a 32-wide panel, while here each weight row is
 * streamed once and no operand is copied.
 *
 * <p>Summation order (fixed, and therefore the same bits for every batch size, thread count, vector or scalar kernel):
 * sixteen partial sums, lane l taking {@code s_l = fma(a[p], b[p], s_l)} for p = l, l + 16, l + 32, ... in ascending
 * order (a last partial block of 16 is padded with zeros), then the tree
 * {@code t_l = s_l + s_(l+8)}, {@code u_l = t_l + t_(l+4)}, {@code v_l = u_l + u_(l+2)}, result {@code v_0 + v_1}.
 * This order differs from {@link Gemm}'s single ascending chain, so results can differ from it in the last bits.
 */
public final class RowDot {
    /** Partial sums per dot product (one 512-bit vector of floats, or two of 256 bits, or four of 128). */
    static final int LANES = 16;

    private RowDot() {
    }

    /** C[m, n] = A[m, k] B[n, k]^T in the order of the class comment; parallel over blocks of rows of B. */
    public static void abt(int m, int n, int k, float[] a, float[] b, float[] c) {
        if (m < 0 || n < 0 || k < 0) {
            throw new ShapeException("row_dot: expected non-negative sizes, actual m=" + m + " n=" + n + " k=" + k);
        }
        if (a.length < (long) m * k || b.length < (long) n * k || c.length < (long) m * n) {
            throw new ShapeException("row_dot: arrays too short for m=" + m + " n=" + n + " k=" + k + ", actual lengths a="
                    + a.length + " b=" + b.length + " c=" + c.length);
        }
        if (m == 0 || n == 0) {
            return;
        }
        boolean vector = GemmKernels.VECTOR;
        // blocks of B_ROWS rows of B stay in L1 while every row of A passes by: B (the weights) is read from memory once
        int blocks = (n + B_ROWS - 1) / B_ROWS;
        Parallel.forRange(blocks, (long) B_ROWS * m * k, Parallel.INFERENCE_SERIAL_WORK, (j0, j1) -> {
            int from = j0 * B_ROWS;
            int to = Math.min(n, j1 * B_ROWS);
            if (vector) {
                RowDotVectorKernels.rows(m, n, k, a, b, c, from, to);
            } else {
                scalarRows(m, n, k, a, b, c, from, to);
            }
        });
    }

    /** Rows of B per block of the parallel loop (a multiple of every kernel's tile height). */
    static final int B_ROWS = 8;

    /** The scalar kernel: columns [j0, j1) of C, one dot product at a time, in exactly the vector kernel's order. */
    static void scalarRows(int m, int n, int k, float[] a, float[] b, float[] c, int j0, int j1) {
        float[] s = new float[LANES];
        for (int i = 0; i < m; i++) {
            for (int j = j0; j < j1; j++) {
                java.util.Arrays.fill(s, 0f);
                int ai = i * k;
                int bj = j * k;
                for (int p0 = 0; p0 < k; p0 += LANES) {
                    for (int l = 0; l < LANES; l++) {
                        int p = p0 + l;
                        // the vector kernel's masked tail loads zeros: fma(0, 0, s) is s, except -0 becomes +0
                        s[l] = p < k ? Math.fma(a[ai + p], b[bj + p], s[l]) : Math.fma(0f, 0f, s[l]);
                    }
                }
                c[i * n + j] = tree(s);
            }
        }
    }

    /** The fixed reduction of the sixteen partial sums (see the class comment). */
    static float tree(float[] s) {
        float[] t = new float[8];
        for (int l = 0; l < 8; l++) {
            t[l] = s[l] + s[l + 8];
        }
        for (int l = 0; l < 4; l++) {
            t[l] = t[l] + t[l + 4];
        }
        for (int l = 0; l < 2; l++) {
            t[l] = t[l] + t[l + 2];
        }
        return t[0] + t[1];
    }
}
