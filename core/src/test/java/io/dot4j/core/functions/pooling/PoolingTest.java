package io.dot4j.core.functions.pooling;

import io.dot4j.core.autograd.GradientCheck;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PoolingTest {
    /** input [n, c, h, w] and params kh, kw, sh, sw, ph, pw. */
    private static final int[][][] CASES = {
        {{1, 1, 4, 4}, {2, 2, 2, 2, 0, 0}},
        {{2, 3, 5, 5}, {3, 3, 2, 2, 1, 1}},
        {{1, 2, 6, 5}, {3, 3, 1, 1, 1, 1}},
        {{2, 1, 5, 7}, {2, 3, 1, 2, 1, 0}},
        {{1, 1, 7, 7}, {3, 3, 2, 2, 2, 2}},
        {{3, 2, 4, 4}, {2, 2, 1, 1, 0, 0}},
    };

    private static Pool2dParams params(int[] p) {
        return new Pool2dParams(p[0], p[1], p[2], p[3], p[4], p[5]);
    }

    static int outSize(int in, int k, int s, int p) {
        return (in + 2 * p - k) / s + 1;
    }

    /** Direct loops: forward max/avg and the scattered input gradient for a given gy. Returns {y, dx}. */
    static double[][] naive(Tensor x, int[] p, Tensor gy, boolean max) {
        int[] s = x.shape();
        int oh = outSize(s[2], p[0], p[2], p[4]);
        int ow = outSize(s[3], p[1], p[3], p[5]);
        double[] y = new double[s[0] * s[1] * oh * ow];
        double[] dx = new double[x.size()];
        for (int n = 0; n < s[0]; n++) {
            for (int c = 0; c < s[1]; c++) {
                for (int a = 0; a < oh; a++) {
                    for (int b = 0; b < ow; b++) {
                        double best = Double.NEGATIVE_INFINITY;
                        int bi = -1;
                        double sum = 0;
                        for (int i = 0; i < p[0]; i++) {
                            for (int j = 0; j < p[1]; j++) {
                                int ih = a * p[2] - p[4] + i;
                                int iw = b * p[3] - p[5] + j;
                                if (ih < 0 || ih >= s[2] || iw < 0 || iw >= s[3]) {
                                    continue;
                                }
                                double v = x.get(n, c, ih, iw);
                                sum += v;
                                if (v > best) {
                                    best = v;
                                    bi = ((n * s[1] + c) * s[2] + ih) * s[3] + iw;
                                }
                            }
                        }
                        int o = ((n * s[1] + c) * oh + a) * ow + b;
                        double g = gy.data()[o];
                        if (max) {
                            y[o] = best;
                            dx[bi] += g;
                        } else {
                            y[o] = sum / (p[0] * p[1]);
                            for (int i = 0; i < p[0]; i++) {
                                for (int j = 0; j < p[1]; j++) {
                                    int ih = a * p[2] - p[4] + i;
                                    int iw = b * p[3] - p[5] + j;
                                    if (ih >= 0 && ih < s[2] && iw >= 0 && iw < s[3]) {
                                        dx[((n * s[1] + c) * s[2] + ih) * s[3] + iw] += g / (p[0] * p[1]);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return new double[][] {y, dx};
    }

    static void assertClose(double[] e, Tensor a, String what) {
        assertEquals(e.length, a.size(), what);
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a.data()[i], 1e-5 * (1 + Math.abs(e[i])), what + " at " + i);
        }
    }

    @Test
    void maxAndAveragePoolingMatchDirectLoops() {
        Rng rng = new Rng(7);
        for (boolean max : new boolean[] {true, false}) {
            for (int[][] c : CASES) {
                Tensor x = Tensor.randn(rng, c[0]);
                Variable xv = new Variable(x);
                Variable y = max ? F.maxPool2d(xv, params(c[1])) : F.avgPool2d(xv, params(c[1]));
                Tensor gy = Tensor.randn(rng, y.shape());
                double[][] ref = naive(x, c[1], gy, max);
                String what = (max ? "max " : "avg ") + java.util.Arrays.deepToString(c);
                assertClose(ref[0], y.data(), what + " forward");
                y.setGrad(gy);
                y.backward();
                assertClose(ref[1], xv.grad(), what + " dx");
            }
        }
    }

    @Test
    void gradientChecks() {
        Rng rng = new Rng(8);
        long seed = 400;
        for (int[][] c : CASES) {
            Pool2dParams p = params(c[1]);
            // distinct values 0.05 apart: the maximum of each window stays the same under a +-0.01 step
            Tensor x = GradientCheck.distinct(rng, 0.05f, c[0]);
            GradientCheck.check(v -> F.maxPool2d(v[0], p), seed++, x);
            GradientCheck.check(v -> F.avgPool2d(v[0], p), seed++, Tensor.randn(rng, c[0]));
        }
        GradientCheck.check(v -> F.globalAvgPool(v[0]), seed, Tensor.randn(rng, 2, 3, 4, 5));
    }

    @Test
    void knownValues() {
        Tensor x = Tensor.of(new float[] {
            1, 2, 5, 3,
            4, 0, 1, 1,
            -1, -2, 7, 8,
            -3, -4, 9, 6}, 1, 1, 4, 4);
        assertArrayEquals(new float[] {4, 5, -1, 9}, F.maxPool2d(Variable.constant(x), 2, 2, 0).data().data());
        assertArrayEquals(new float[] {1.75f, 2.5f, -2.5f, 7.5f}, F.avgPool2d(Variable.constant(x), 2, 2, 0).data().data());
        Tensor g = F.globalAvgPool(Variable.constant(x)).data();
        assertArrayEquals(new int[] {1, 1}, g.shape());
        assertEquals(37f / 16f, g.item(), 1e-6f);
        // padding counts as zero for average pooling: corner window of a 3x3 pad-1 pooling sees 4 pixels of 9
        Tensor ones = Tensor.ones(1, 1, 3, 3);
        assertEquals(4f / 9f, F.avgPool2d(Variable.constant(ones), 3, 1, 1).data().get(0, 0, 0, 0), 1e-6f);
        // but never wins a max: all-negative input still pools to a real pixel
        Tensor neg = Tensor.full(-5f, 1, 1, 3, 3);
        assertEquals(-5f, F.maxPool2d(Variable.constant(neg), 3, 1, 1).data().get(0, 0, 0, 0));
    }

    @Test
    void badParametersAndShapes() {
        assertThrows(IllegalArgumentException.class, () -> Pool2dParams.of(2, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Pool2dParams.of(2, 0, 0));
        ShapeException e = assertThrows(ShapeException.class, () -> F.maxPool2d(new Variable(Tensor.zeros(1, 4, 4)), 2, 2, 0));
        assertEquals("max_pooling_2d: expected input [N, C, H, W], actual [1, 4, 4]", e.getMessage());
        assertThrows(ShapeException.class, () -> F.globalAvgPool(new Variable(Tensor.zeros(2, 3))));
    }
}
