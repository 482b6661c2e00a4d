package io.dot4j.core.autograd;

import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;

import java.util.Arrays;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compares the analytic gradients of a graph with central differences.
 *
 * <p>The scalar checked is L = sum_k r_k y_k for a fixed random r (so every output element and every direction is
 * exercised), evaluated in double from the float32 outputs. The analytic side seeds y.grad = r and runs backward.
 *
 * <p>Why float32 is good enough, and the default tolerance: with step eps = 1e-2 on inputs of size ~N(0, 1) the
 * truncation error of the central difference is about eps^2/6 |L'''| ~ 2e-5. The rounding error of L+ - L- comes only
 * from outputs that depend on the perturbed element (all other outputs are computed by the same deterministic code on
 * the same values and cancel exactly); each is off by ~6e-8 relative times the terms summed into it, so for the
 * receptive fields used in the tests (< 1000 terms) the difference quotient is off by well under 1e-3. Hence
 * |analytic - numeric| <= atol + rtol * max(|analytic|, |numeric|) with rtol = 1e-2, atol = 1e-3 catches any real
 * mistake (a wrong term is off by O(1)) without flaking. Functions with kinks (relu, max pooling, hardtanh) must be fed
 * inputs at least 2 eps away from their kinks; the tests do that.
 */
public final class GradientCheck {
    /** Central-difference step and comparison tolerances. */
    public record Tolerance(float eps, double rtol, double atol) {
        public static final Tolerance DEFAULT = new Tolerance(1e-2f, 1e-2, 1e-3);
    }

    private GradientCheck() {
    }

    public static void check(Function<Variable[], Variable> f, long seed, Tensor... inputs) {
        check(f, Tolerance.DEFAULT, seed, inputs);
    }

    /**
     * Checks d(sum r*f(inputs))/d(input) for every input and every element. f must build a fresh graph each call and
     * be deterministic.
     */
    public static void check(Function<Variable[], Variable> f, Tolerance tol, long seed, Tensor... inputs) {
        Tensor[] xs = new Tensor[inputs.length];
        Variable[] vars = new Variable[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            xs[i] = inputs[i].copy();
            vars[i] = new Variable(xs[i].copy());
        }
        Variable y = f.apply(vars);
        Tensor r = Tensor.randn(new Rng(seed), y.shape());
        y.setGrad(r.copy());
        y.backward();
        for (int i = 0; i < inputs.length; i++) {
            Tensor analytic = vars[i].grad();
            assertNotNull(analytic, "input " + i + " got no gradient");
            float[] x = xs[i].data();
            for (int j = 0; j < x.length; j++) {
                float v = x[j];
                x[j] = v + tol.eps();
                float xp = x[j];
                double lp = loss(f, xs, r);
                x[j] = v - tol.eps();
                float xm = x[j];
                double lm = loss(f, xs, r);
                x[j] = v;
                double numeric = (lp - lm) / ((double) xp - xm);
                double a = analytic.data()[j];
                double err = Math.abs(a - numeric);
                if (!(err <= tol.atol() + tol.rtol() * Math.max(Math.abs(a), Math.abs(numeric)))) {
                    fail("gradient of input " + i + " (shape " + Arrays.toString(xs[i].shape()) + ") at flat index " + j
                            + ": analytic " + a + " vs numeric " + numeric + " (x = " + v + ")");
                }
            }
        }
    }

    private static double loss(Function<Variable[], Variable> f, Tensor[] xs, Tensor r) {
        Variable[] vs = new Variable[xs.length];
        for (int i = 0; i < xs.length; i++) {
            vs[i] = new Variable(xs[i].copy());
        }
        Tensor y;
        try (var _ = NoGrad.enter()) {
            y = f.apply(vs).data();
        }
        double s = 0;
        float[] yd = y.data();
        float[] rd = r.data();
        for (int k = 0; k < yd.length; k++) {
            s += (double) rd[k] * yd[k];
        }
        return s;
    }

    /** Moves every value closer than {@code margin} to {@code kink} out to kink +- margin (keeping its side). */
    public static Tensor awayFrom(Tensor t, float kink, float margin) {
        Tensor c = t.copy();
        float[] d = c.data();
        for (int i = 0; i < d.length; i++) {
            if (Math.abs(d[i] - kink) < margin) {
                d[i] = d[i] >= kink ? kink + margin : kink - margin;
            }
        }
        return c;
    }

    /**
     * A tensor of distinct values (a shuffled ramp with spacing {@code step}, centred on 0), so that maxima are unique
     * and far apart compared with the difference step.
     */
    public static Tensor distinct(Rng rng, float step, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        int n = d.length;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        for (int i = 0; i < n; i++) {
            d[i] = (perm[i] - n / 2f) * step;
        }
        return t;
    }
}
