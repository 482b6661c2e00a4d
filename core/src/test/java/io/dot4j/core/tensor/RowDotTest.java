package io.dot4j.core.tensor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowDotTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    /** The documented order written out plainly: 16 lane chains in ascending p, then the pairwise tree. */
    private static float reference(float[] a, int aOff, float[] b, int bOff, int k) {
        float[] s = new float[16];
        for (int p = 0; p < k; p++) {
            s[p % 16] = Math.fma(a[aOff + p], b[bOff + p], s[p % 16]);
        }
        if (k % 16 != 0) {
            for (int l = k % 16; l < 16; l++) {
                s[l] = Math.fma(0f, 0f, s[l]); // the zero padding of the last block
            }
        }
        float[] t = new float[8];
        for (int l = 0; l < 8; l++) {
            t[l] = s[l] + s[l + 8];
        }
        float u0 = t[0] + t[4], u1 = t[1] + t[5], u2 = t[2] + t[6], u3 = t[3] + t[7];
        return (u0 + u2) + (u1 + u3);
    }

    private static float[] expected(int m, int n, int k, float[] a, float[] b) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[i * n + j] = reference(a, i * k, b, j * k, k);
            }
        }
        return c;
    }

    @Test
    void vectorAndScalarKernelsFollowTheDocumentedOrderBitForBit() {
        Rng rng = new Rng(41);
        int[][] mnk = {{1, 1, 1}, {1, 9, 15}, {1, 8, 16}, {2, 13, 17}, {3, 4, 33}, {4, 5, 100}, {7, 23, 64}, {1, 500, 800},
                {5, 10, 500}};
        for (int[] s : mnk) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = Tensor.randn(rng, 1f, m * k).data();
            float[] b = Tensor.randn(rng, 1f, n * k).data();
            float[] want = expected(m, n, k, a, b);
            String where = "m=" + m + " n=" + n + " k=" + k;
            float[] scalar = new float[m * n];
            RowDot.scalarRows(m, n, k, a, b, scalar, 0, n);
            assertArrayEquals(want, scalar, "scalar " + where);
            float[] viaApi = new float[m * n];
            RowDot.abt(m, n, k, a, b, viaApi);
            assertArrayEquals(want, viaApi, (GemmKernels.VECTOR ? "vector " : "scalar ") + where);
        }
    }

    @Test
    void sameBitsForEveryBatchSizeAndThreadCount() {
        Rng rng = new Rng(42);
        int m = 11, n = 37, k = 70;
        float[] a = Tensor.randn(rng, 1f, m * k).data();
        float[] b = Tensor.randn(rng, 1f, n * k).data();
        Parallel.setThreads(1);
        float[] whole = new float[m * n];
        RowDot.abt(m, n, k, a, b, whole);
        for (int threads = 1; threads <= 3; threads++) {
            Parallel.setThreads(threads);
            float[] again = new float[m * n];
            RowDot.abt(m, n, k, a, b, again);
            assertArrayEquals(whole, again, "threads=" + threads);
            // each row alone (batch 1) gives that row of the batch
            for (int i = 0; i < m; i++) {
                float[] row = new float[n];
                RowDot.abt(1, n, k, java.util.Arrays.copyOfRange(a, i * k, (i + 1) * k), b, row);
                assertArrayEquals(java.util.Arrays.copyOfRange(whole, i * n, (i + 1) * n), row, "row " + i + " threads=" + threads);
            }
        }
    }

    @Test
    void closeToTheExactDotProduct() {
        Rng rng = new Rng(43);
        int m = 3, n = 20, k = 800;
        float[] a = Tensor.randn(rng, 1f, m * k).data();
        float[] b = Tensor.randn(rng, 1f, n * k).data();
        float[] c = new float[m * n];
        RowDot.abt(m, n, k, a, b, c);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0, abs = 0;
                for (int p = 0; p < k; p++) {
                    exact += (double) a[i * k + p] * b[j * k + p];
                    abs += Math.abs((double) a[i * k + p] * b[j * k + p]);
                }
                // error bound of 16 chains of k/16 fma plus a 4-level tree: (k/16 + 4) ulps of the sum of |terms|
                double bound = (k / 16 + 4) * Math.ulp(1f) * abs;
                assertTrue(Math.abs(c[i * n + j] - exact) <= bound, "(" + i + ", " + j + "): " + c[i * n + j] + " vs " + exact);
            }
        }
    }

    @Test
    void checksSizes() {
        ShapeException e = assertThrows(ShapeException.class, () -> RowDot.abt(2, 3, 4, new float[7], new float[12], new float[6]));
        assertEquals("row_dot: arrays too short for m=2 n=3 k=4, actual lengths a=7 b=12 c=6", e.getMessage());
        assertThrows(ShapeException.class, () -> RowDot.abt(-1, 3, 4, new float[0], new float[12], new float[0]));
    }
}
