package io.dot4j.core.functions.connection;

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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Conv2dTest {
    /** n, c, h, w, oc, kh, kw, sh, sw, ph, pw: batch of 1, strides 1 and 2, pads 0..2, non-square everything. */
    private static final int[][] CASES = {
        {1, 1, 5, 5, 1, 3, 3, 1, 1, 0, 0},
        {2, 3, 6, 5, 4, 3, 2, 2, 1, 1, 0},
        {1, 2, 7, 7, 3, 3, 3, 2, 2, 2, 2},
        {2, 2, 5, 6, 2, 1, 1, 1, 1, 0, 0},
        {3, 1, 8, 8, 2, 5, 5, 1, 1, 2, 2},
        {1, 2, 4, 9, 2, 2, 3, 1, 2, 1, 2},
        {2, 1, 6, 6, 2, 3, 3, 2, 2, 1, 1},
    };

    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }

    static int outSize(int in, int k, int s, int p) {
        return (in + 2 * p - k) / s + 1;
    }

    /** Direct 7-loop convolution in double: y[n][o][y][x] = b[o] + sum_{c,i,j} w[o][c][i][j] * xpad[n][c][y*s+i][x*s+j]. */
    static double[] naiveForward(Tensor x, Tensor w, Tensor b, int[] t) {
        int n = t[0], c = t[1], h = t[2], wd = t[3], oc = t[4], kh = t[5], kw = t[6], sh = t[7], sw = t[8], ph = t[9], pw = t[10];
        int oh = outSize(h, kh, sh, ph);
        int ow = outSize(wd, kw, sw, pw);
        double[] y = new double[n * oc * oh * ow];
        for (int a = 0; a < n; a++) {
            for (int o = 0; o < oc; o++) {
                for (int yy = 0; yy < oh; yy++) {
                    for (int xx = 0; xx < ow; xx++) {
                        double s = b == null ? 0 : b.get(o);
                        for (int ci = 0; ci < c; ci++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int ih = yy * sh - ph + i;
                                    int iw = xx * sw - pw + j;
                                    if (ih >= 0 && ih < h && iw >= 0 && iw < wd) {
                                        s += (double) w.get(o, ci, i, j) * x.get(a, ci, ih, iw);
                                    }
                                }
                            }
                        }
                        y[((a * oc + o) * oh + yy) * ow + xx] = s;
                    }
                }
            }
        }
        return y;
    }

    /** Direct gradients: dx and dw by scattering gy through the same loops. Returns {dx, dw, db}. */
    static double[][] naiveBackward(Tensor x, Tensor w, Tensor gy, int[] t) {
        int n = t[0], c = t[1], h = t[2], wd = t[3], oc = t[4], kh = t[5], kw = t[6], sh = t[7], sw = t[8], ph = t[9], pw = t[10];
        int oh = outSize(h, kh, sh, ph);
        int ow = outSize(wd, kw, sw, pw);
        double[] dx = new double[x.size()];
        double[] dw = new double[w.size()];
        double[] db = new double[oc];
        for (int a = 0; a < n; a++) {
            for (int o = 0; o < oc; o++) {
                for (int yy = 0; yy < oh; yy++) {
                    for (int xx = 0; xx < ow; xx++) {
                        double g = gy.get(a, o, yy, xx);
                        db[o] += g;
                        for (int ci = 0; ci < c; ci++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int ih = yy * sh - ph + i;
                                    int iw = xx * sw - pw + j;
                                    if (ih >= 0 && ih < h && iw >= 0 && iw < wd) {
                                        dx[((a * c + ci) * h + ih) * wd + iw] += g * w.get(o, ci, i, j);
                                        dw[((o * c + ci) * kh + i) * kw + j] += g * x.get(a, ci, ih, iw);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return new double[][] {dx, dw, db};
    }

    static void assertClose(double[] expected, Tensor actual, String what) {
        assertEquals(expected.length, actual.size(), what + " size");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.data()[i], 1e-4 * (1 + Math.abs(expected[i])), what + " at " + i);
        }
    }

    @Test
    void forwardAndGradientsMatchDirectLoops() {
        Rng rng = new Rng(100);
        for (int[] t : CASES) {
            Tensor x = Tensor.randn(rng, t[0], t[1], t[2], t[3]);
            Tensor w = Tensor.randn(rng, t[4], t[1], t[5], t[6]);
            Tensor b = Tensor.randn(rng, t[4]);
            Variable xv = new Variable(x);
            Variable wv = new Variable(w);
            Variable bv = new Variable(b);
            Variable y = F.conv2d(xv, wv, bv, t[7], t[8], t[9], t[10]);
            assertArrayEquals(new int[] {t[0], t[4], outSize(t[2], t[5], t[7], t[9]), outSize(t[3], t[6], t[8], t[10])}, y.shape());
            assertClose(naiveForward(x, w, b, t), y.data(), "forward " + java.util.Arrays.toString(t));
            Tensor gy = Tensor.randn(rng, y.shape());
            y.setGrad(gy);
            y.backward();
            double[][] ref = naiveBackward(x, w, gy, t);
            assertClose(ref[0], xv.grad(), "dx " + java.util.Arrays.toString(t));
            assertClose(ref[1], wv.grad(), "dw " + java.util.Arrays.toString(t));
            assertClose(ref[2], bv.grad(), "db " + java.util.Arrays.toString(t));
        }
    }

    @Test
    void gradientCheckOnAllGeometries() {
        Rng rng = new Rng(101);
        long seed = 300;
        for (int[] t : CASES) {
            Tensor x = Tensor.randn(rng, t[0], t[1], t[2], t[3]);
            Tensor w = Tensor.randn(rng, t[4], t[1], t[5], t[6]);
            Tensor b = Tensor.randn(rng, t[4]);
            GradientCheck.check(v -> F.conv2d(v[0], v[1], v[2], t[7], t[8], t[9], t[10]), seed++, x, w, b);
            GradientCheck.check(v -> F.conv2d(v[0], v[1], null, t[7], t[8], t[9], t[10]), seed++, x, w);
        }
    }

    @Test
    void constantInputSkipsItsGradient() {
        Rng rng = new Rng(5);
        Variable x = Variable.constant(Tensor.randn(rng, 2, 1, 6, 6));
        Variable w = new Variable(Tensor.randn(rng, 3, 1, 3, 3));
        Variable y = F.conv2d(x, w, null, 1, 0);
        y.setGrad(Tensor.ones(y.shape()));
        y.backward();
        assertNull(x.grad());
        assertTrue(w.grad().maxAbs() > 0);
    }

    @Test
    void bitIdenticalForAnyThreadCount() {
        Rng rng = new Rng(6);
        Tensor x = Tensor.randn(rng, 8, 3, 12, 12);
        Tensor w = Tensor.randn(rng, 6, 3, 5, 5);
        Tensor b = Tensor.randn(rng, 6);
        Tensor gy = null;
        Tensor[] first = null;
        for (int threads = 1; threads <= 3; threads++) {
            Parallel.setThreads(threads);
            Variable xv = new Variable(x);
            Variable wv = new Variable(w);
            Variable bv = new Variable(b);
            Variable y = F.conv2d(xv, wv, bv, 1, 1);
            if (gy == null) {
                gy = Tensor.randn(rng, y.shape());
            }
            y.setGrad(gy);
            Tensor out = y.data();
            y.backward();
            Tensor[] now = {out, xv.grad(), wv.grad(), bv.grad()};
            if (first == null) {
                first = now;
            } else {
                for (int i = 0; i < now.length; i++) {
                    assertTrue(first[i].bitEquals(now[i]), "tensor " + i + " differs with " + threads + " threads");
                }
            }
        }
    }

    @Test
    void shapeErrors() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> F.conv2d(new Variable(Tensor.zeros(1, 2, 5, 5)), new Variable(Tensor.zeros(3, 1, 3, 3)), null, 1, 0));
        assertEquals("conv2d: expected x [N, 1, H, W] for W [3, 1, 3, 3], actual [1, 2, 5, 5]", e.getMessage());
        e = assertThrows(ShapeException.class,
                () -> F.conv2d(new Variable(Tensor.zeros(1, 1, 2, 5)), new Variable(Tensor.zeros(3, 1, 3, 3)), null, 1, 0));
        assertEquals("conv2d: expected input height + 2*pad >= kernel, actual height=2 pad=0 kernel=3", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> F.conv2d(new Variable(Tensor.zeros(1, 1, 5, 5)), new Variable(Tensor.zeros(3, 1, 3, 3)), null, 0, 0));
    }
}
