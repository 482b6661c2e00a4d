package io.dot4j.core.tensor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ConvPanelsTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    /** The training path's forward: im2col of the whole batch, one GEMM, reorder to [N, OC, OH*OW] adding the bias. */
    private static float[] viaIm2col(float[] x, Im2Col.Geometry g, float[] w, int oc, float[] bias) {
        float[] col = Im2Col.im2col(x, g);
        int cols = g.cols();
        float[] ym = new float[oc * cols];
        Gemm.nn(oc, cols, g.rows(), w, col, ym, false);
        int ohw = g.oh() * g.ow();
        float[] y = new float[g.n() * oc * ohw];
        for (int n = 0; n < g.n(); n++) {
            for (int o = 0; o < oc; o++) {
                for (int p = 0; p < ohw; p++) {
                    y[(n * oc + o) * ohw + p] = ym[o * cols + n * ohw + p] + (bias == null ? 0f : bias[o]);
                }
            }
        }
        return y;
    }

    @Test
    void sameBitsAsIm2colThenGemmForAnyGeometryAndThreadCount() {
        Rng rng = new Rng(51);
        // n, c, h, w, oc, kh, kw, stride, pad: LeNet's two layers, padded, strided, partial panels, tiny images
        int[][] cases = {{2, 1, 28, 28, 20, 5, 5, 1, 0}, {3, 20, 12, 12, 50, 5, 5, 1, 0}, {1, 3, 9, 7, 8, 3, 3, 1, 1},
                {2, 2, 11, 10, 7, 3, 2, 2, 1}, {1, 4, 5, 5, 33, 1, 1, 1, 0}, {2, 1, 3, 3, 2, 3, 3, 1, 2}, {1, 2, 40, 40, 6, 3, 3, 1, 0},
                {1, 3, 11, 12, 5, 3, 3, 2, 0}};
        for (int[] s : cases) {
            int[] shape = {s[0], s[1], s[2], s[3]};
            int oc = s[4];
            Im2Col.Geometry g = Im2Col.geometry("test", shape, s[5], s[6], s[7], s[7], s[8], s[8]);
            float[] x = Tensor.randn(rng, 1f, shape).data();
            float[] w = Tensor.randn(rng, 1f, oc * g.rows()).data();
            float[] bias = Tensor.randn(rng, 1f, oc).data();
            for (float[] b : new float[][] {bias, null}) {
                Parallel.setThreads(1);
                float[] want = viaIm2col(x, g, w, oc, b);
                for (int threads = 1; threads <= 3; threads++) {
                    Parallel.setThreads(threads);
                    float[] y = new float[want.length];
                    java.util.Arrays.fill(y, Float.NaN); // every element must be written
                    ConvPanels.forward(x, g, w, oc, b, y);
                    assertArrayEquals(want, y, g + " oc=" + oc + " bias=" + (b != null) + " threads=" + threads);
                }
            }
        }
    }

    @Test
    void everyPackingHoldsTheIm2colValues() {
        // stride 1 (runs of columns) and stride 2 (gathers) for the vector packing; the scalar one handles both
        packingsHoldTheIm2colValues(1);
        packingsHoldTheIm2colValues(2);
    }

    private static void packingsHoldTheIm2colValues(int stride) {
        Rng rng = new Rng(52);
        int[] shape = {2, 3, 19, 20};
        Im2Col.Geometry g = Im2Col.geometry("test", shape, 3, 3, stride, stride, 0, 0);
        float[] x = Tensor.randn(rng, 1f, shape).data();
        float[] col = Im2Col.im2col(x, g);
        int nr = GemmKernels.NR;
        int k = g.rows();
        int ohw = g.oh() * g.ow();
        int panels = (ohw + nr - 1) / nr;
        for (int img = 0; img < g.n(); img++) {
            float[] scalar = new float[panels * k * nr];
            ConvPanels.pack(x, g, img, 0, panels, scalar);
            for (int q = 0; q < panels; q++) {
                for (int r = 0; r < k; r++) {
                    for (int jj = 0; jj < nr; jj++) {
                        int p = q * nr + jj;
                        float want = p < ohw ? col[r * g.cols() + img * ohw + p] : 0f;
                        assertEquals(want, scalar[(q * k + r) * nr + jj], "img " + img + " panel " + q + " row " + r + " col " + jj);
                    }
                }
            }
            if (GemmKernels.VECTOR) {
                float[] gathered = new float[panels * k * nr];
                ConvPanelsVector.pack(x, g, img, 0, panels, gathered);
                assertArrayEquals(scalar, gathered, "image " + img);
            }
        }
    }
}
