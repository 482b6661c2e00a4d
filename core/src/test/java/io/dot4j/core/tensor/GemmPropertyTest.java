package io.dot4j.core.tensor;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Random sizes (fixed seed): every Gemm variant equals the plain i-p-j loop with fused multiply-adds bit for bit. */
class GemmPropertyTest {
    @Property(tries = 40, seed = "20261132")
    void equalsPlainLoop(@ForAll @IntRange(min = 1, max = 40) int m, @ForAll @IntRange(min = 1, max = 1100) int n,
                         @ForAll @IntRange(min = 1, max = 300) int k, @ForAll long seed) {
        Rng rng = new Rng(seed);
        float[] a = Tensor.randn(rng, m * k).data();
        float[] b = Tensor.randn(rng, k * n).data();
        float[] at = new float[m * k];
        Gemm.transpose(a, m, k, at);
        float[] bt = new float[k * n];
        Gemm.transpose(b, k, n, bt);
        float[] expected = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    expected[i * n + j] = Math.fma(a[i * k + p], b[p * n + j], expected[i * n + j]);
                }
            }
        }
        float[] c = new float[m * n];
        Gemm.nn(m, n, k, a, b, c, false);
        assertArrayEquals(expected, c, "nn");
        Gemm.tn(m, n, k, at, b, c, false);
        assertArrayEquals(expected, c, "tn");
        Gemm.nt(m, n, k, a, bt, c, false);
        assertArrayEquals(expected, c, "nt");
    }
}
