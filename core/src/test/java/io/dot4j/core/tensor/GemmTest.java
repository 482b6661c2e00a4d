package io.dot4j.core.tensor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GemmTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    /** Plain i-p-j loop with fused multiply-adds: the rounding Gemm promises to reproduce bit for bit. */
    private static float[] naive(int m, int n, int k, float[] a, float[] b, boolean ta, boolean tb) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                float aip = ta ? a[p * m + i] : a[i * k + p];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] = Math.fma(aip, tb ? b[j * k + p] : b[p * n + j], c[i * n + j]);
                }
            }
        }
        return c;
    }

    @Test
    void allVariantsMatchNaiveBitForBitAcrossBlockEdges() {
        // sizes straddle the K (128) and N (1024) blocks and are odd to exercise every remainder
        int[][] sizes = {{1, 1, 1}, {3, 5, 7}, {7, 1030, 131}, {17, 33, 260}};
        Rng rng = new Rng(5);
        for (int[] s : sizes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            float[] a = Tensor.randn(rng, m * k).data();
            float[] b = Tensor.randn(rng, k * n).data();
            float[] c = new float[m * n];
            Gemm.nn(m, n, k, a, b, c, false);
            assertArrayEquals(naive(m, n, k, a, b, false, false), c, "nn " + m + "x" + n + "x" + k);
            Gemm.tn(m, n, k, a, b, c, false);
            assertArrayEquals(naive(m, n, k, a, b, true, false), c, "tn " + m + "x" + n + "x" + k);
            Gemm.nt(m, n, k, a, b, c, false);
            assertArrayEquals(naive(m, n, k, a, b, false, true), c, "nt " + m + "x" + n + "x" + k);
        }
    }

    @Test
    void accumulateAddsToC() {
        float[] a = {1, 2, 3, 4};
        float[] b = {1, 0, 0, 1};
        float[] c = {10, 10, 10, 10};
        Gemm.nn(2, 2, 2, a, b, c, true);
        assertArrayEquals(new float[] {11, 12, 13, 14}, c);
        Gemm.nn(2, 2, 2, a, b, c, false);
        assertArrayEquals(new float[] {1, 2, 3, 4}, c);
    }

    @Test
    void accumulateWorksForEveryVariantAndRoute() {
        Rng rng = new Rng(12);
        // nt takes the "transpose A" route when m*k + m*n < n*k (second size) and the "transpose B" route otherwise
        int[][] sizes = {{6, 5, 4}, {3, 200, 150}};
        for (int[] s : sizes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            float[] a = Tensor.randn(rng, m * k).data();
            float[] b = Tensor.randn(rng, k * n).data();
            float[] c0 = Tensor.randn(rng, m * n).data();
            boolean[][] flags = {{false, false}, {true, false}, {false, true}};
            for (boolean[] f : flags) {
                float[] expected = naive(m, n, k, a, b, f[0], f[1]);
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = c0[i] + expected[i];
                }
                float[] c = c0.clone();
                if (f[0]) {
                    Gemm.tn(m, n, k, a, b, c, true);
                } else if (f[1]) {
                    Gemm.nt(m, n, k, a, b, c, true);
                } else {
                    Gemm.nn(m, n, k, a, b, c, true);
                }
                for (int i = 0; i < c.length; i++) {
                    assertEquals(expected[i], c[i], 1e-4f * (1 + Math.abs(expected[i])), "m=" + m + " n=" + n + " k=" + k + " at " + i);
                }
            }
        }
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        Rng rng = new Rng(9);
        int m = 64;
        int n = 300;
        int k = 200;
        float[] a = Tensor.randn(rng, m * k).data();
        float[] b = Tensor.randn(rng, k * n).data();
        float[][] results = new float[4][m * n];
        for (int t = 1; t <= 4; t++) {
            Parallel.setThreads(t);
            Gemm.nn(m, n, k, a, b, results[t - 1], false);
        }
        for (int t = 1; t < 4; t++) {
            assertArrayEquals(results[0], results[t], "threads=" + (t + 1));
        }
    }

    @Test
    void shortArraysAreRejected() {
        ShapeException e = assertThrows(ShapeException.class, () -> Gemm.nn(2, 2, 2, new float[3], new float[4], new float[4], false));
        assertEquals("gemm: arrays too short for m=2 n=2 k=2, actual lengths a=3 b=4 c=4", e.getMessage());
    }

    @Test
    void transposeIsExact() {
        float[] src = Tensor.randn(new Rng(2), 37 * 45).data();
        float[] dst = new float[37 * 45];
        Gemm.transpose(src, 37, 45, dst);
        for (int r = 0; r < 37; r++) {
            for (int c = 0; c < 45; c++) {
                assertEquals(src[r * 45 + c], dst[c * 37 + r]);
            }
        }
    }
}
