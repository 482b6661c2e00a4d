package io.dot4j.core.functions.normalization;

import io.dot4j.core.autograd.GradientCheck;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Parallel;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchNormalizationTest {
    private static final float EPS = 2e-5f;
    private final int saved = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(saved);
    }

    @Test
    void trainModeGradientsOn2dAnd4dInputs() {
        Rng rng = new Rng(11);
        int[][] shapes = {{4, 3}, {8, 1}, {2, 3, 2, 3}, {1, 2, 3, 3}};
        long seed = 800;
        for (int[] s : shapes) {
            Tensor x = Tensor.randn(rng, s);
            Tensor gamma = Tensor.uniform(rng, 0.5f, 1.5f, s[1]);
            Tensor beta = Tensor.randn(rng, s[1]);
            GradientCheck.check(v -> F.batchNormalization(v[0], v[1], v[2], null, null, 0.9f, EPS), seed++, x, gamma, beta);
        }
    }

    @Test
    void evalModeGradients() {
        Rng rng = new Rng(12);
        Tensor mean = Tensor.randn(rng, 3);
        Tensor var = Tensor.uniform(rng, 0.5f, 2f, 3);
        for (int[] s : new int[][] {{5, 3}, {2, 3, 2, 2}}) {
            GradientCheck.check(v -> F.fixedBatchNormalization(v[0], v[1], v[2], mean, var, EPS), 900,
                    Tensor.randn(rng, s), Tensor.randn(rng, 3), Tensor.randn(rng, 3));
        }
    }

    @Test
    void trainNormalizesWithBatchStatsAndUpdatesRunningStats() {
        Rng rng = new Rng(13);
        int n = 6;
        int c = 2;
        int hw = 4;
        Tensor x = Tensor.randn(rng, n, c, 2, 2);
        // shift channel 1 so its statistics differ from channel 0
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < hw; k++) {
                x.data()[(i * c + 1) * hw + k] = x.data()[(i * c + 1) * hw + k] * 3f + 5f;
            }
        }
        Tensor gamma = Tensor.vector(2f, 0.5f);
        Tensor beta = Tensor.vector(1f, -1f);
        Tensor rm = Tensor.vector(0.1f, 0.2f);
        Tensor rv = Tensor.vector(1f, 2f);
        Tensor y = F.batchNormalization(Variable.constant(x), new Variable(gamma), new Variable(beta), rm, rv, 0.9f, EPS).data();
        for (int ch = 0; ch < c; ch++) {
            double s = 0;
            double s2 = 0;
            int m = n * hw;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < hw; k++) {
                    s += x.data()[(i * c + ch) * hw + k];
                }
            }
            double mu = s / m;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < hw; k++) {
                    double d = x.data()[(i * c + ch) * hw + k] - mu;
                    s2 += d * d;
                }
            }
            double var = s2 / m;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < hw; k++) {
                    int o = (i * c + ch) * hw + k;
                    double expected = gamma.data()[ch] * (x.data()[o] - mu) / Math.sqrt(var + EPS) + beta.data()[ch];
                    assertEquals(expected, y.data()[o], 1e-4);
                }
            }
            double initM = ch == 0 ? 0.1 : 0.2;
            double initV = ch == 0 ? 1 : 2;
            assertEquals(0.9 * initM + 0.1 * mu, rm.data()[ch], 1e-5);
            assertEquals(0.9 * initV + 0.1 * var * m / (m - 1), rv.data()[ch], 1e-4);
        }
    }

    @Test
    void evalUsesRunningStatsAndDiffersFromTrain() {
        Rng rng = new Rng(14);
        Tensor x = Tensor.randn(rng, 4, 3);
        Tensor gamma = Tensor.vector(1f, 2f, 3f);
        Tensor beta = Tensor.vector(0f, 1f, -1f);
        Tensor mean = Tensor.vector(0.5f, -0.5f, 1f);
        Tensor var = Tensor.vector(4f, 0.25f, 1f);
        Tensor meanBefore = mean.copy();
        Tensor y = F.fixedBatchNormalization(Variable.constant(x), Variable.constant(gamma), Variable.constant(beta), mean, var, EPS).data();
        for (int i = 0; i < 4; i++) {
            for (int ch = 0; ch < 3; ch++) {
                double e = gamma.get(ch) * (x.get(i, ch) - mean.get(ch)) / Math.sqrt(var.get(ch) + EPS) + beta.get(ch);
                assertEquals(e, y.get(i, ch), 1e-5);
            }
        }
        assertTrue(mean.bitEquals(meanBefore), "eval must not change the statistics");
        Tensor yTrain = F.batchNormalization(Variable.constant(x), Variable.constant(gamma), Variable.constant(beta), null, null,
                0.9f, EPS).data();
        assertTrue(!yTrain.bitEquals(y));
        // train output is normalized per channel: mean beta
        for (int ch = 0; ch < 3; ch++) {
            double s = 0;
            for (int i = 0; i < 4; i++) {
                s += yTrain.get(i, ch);
            }
            assertEquals(beta.get(ch), s / 4, 1e-5);
        }
    }

    @Test
    void bitIdenticalForAnyThreadCount() {
        Rng rng = new Rng(15);
        Tensor x = Tensor.randn(rng, 16, 24, 6, 6);
        Tensor gy = Tensor.randn(rng, 16, 24, 6, 6);
        Tensor[] first = null;
        for (int t = 1; t <= 3; t++) {
            Parallel.setThreads(t);
            Variable xv = new Variable(x);
            Variable g = new Variable(Tensor.ones(24));
            Variable b = new Variable(Tensor.zeros(24));
            Variable y = F.batchNormalization(xv, g, b, null, null, 0.9f, EPS);
            y.setGrad(gy);
            Tensor out = y.data();
            y.backward();
            Tensor[] now = {out, xv.grad(), g.grad(), b.grad()};
            if (first == null) {
                first = now;
            } else {
                for (int i = 0; i < 4; i++) {
                    assertTrue(first[i].bitEquals(now[i]), "tensor " + i + " with " + t + " threads");
                }
            }
        }
    }

    @Test
    void badShapes() {
        ShapeException e = assertThrows(ShapeException.class, () -> F.batchNormalization(new Variable(Tensor.zeros(2, 3)),
                new Variable(Tensor.ones(2)), new Variable(Tensor.zeros(3)), null, null, 0.9f, EPS));
        assertEquals("batch_normalization: expected gamma of shape [3], actual [2]", e.getMessage());
        assertThrows(ShapeException.class, () -> F.batchNormalization(new Variable(Tensor.zeros(2, 3, 4)),
                new Variable(Tensor.ones(3)), new Variable(Tensor.zeros(3)), null, null, 0.9f, EPS));
        assertThrows(IllegalArgumentException.class, () -> BatchNormalization.train(EPS, 0.9f, Tensor.zeros(3), null));
        assertArrayEquals(new int[] {2, 3}, F.fixedBatchNormalization(new Variable(Tensor.zeros(2, 3)), new Variable(Tensor.ones(3)),
                new Variable(Tensor.zeros(3)), Tensor.zeros(3), Tensor.ones(3), EPS).shape());
    }
}
