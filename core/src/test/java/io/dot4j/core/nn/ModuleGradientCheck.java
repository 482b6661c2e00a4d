package io.dot4j.core.nn;

import io.dot4j.core.autograd.GradientCheck;
import io.dot4j.core.autograd.NoGrad;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Central-difference check of a module's gradients with respect to its input AND every parameter, with the
 * {@link GradientCheck} tolerances and scalar L = sum r * forward(x): the module's own parameter variables are perturbed
 * in place, so this checks exactly the variables an optimizer will update.
 */
final class ModuleGradientCheck {
    private ModuleGradientCheck() {
    }

    static void check(Module m, Tensor x, long seed) {
        check(m, x, seed, GradientCheck.Tolerance.DEFAULT);
    }

    static void check(Module m, Tensor x, long seed, GradientCheck.Tolerance tol) {
        Tensor input = x.copy();
        Variable xv = new Variable(input.copy());
        m.cleargrads();
        Variable y = m.forward(xv);
        Tensor r = Tensor.randn(new Rng(seed), y.shape());
        y.setGrad(r.copy());
        y.backward();
        Map<String, Tensor[]> targets = new LinkedHashMap<>(); // name -> {values to perturb, analytic gradient}
        assertNotNull(xv.grad(), "input got no gradient");
        targets.put("input", new Tensor[] {input, xv.grad()});
        m.namedParameters().forEach((n, p) -> {
            assertNotNull(p.grad(), "parameter " + n + " got no gradient");
            targets.put(n, new Tensor[] {p.data(), p.grad().copy()});
        });
        for (var e : targets.entrySet()) {
            float[] d = e.getValue()[0].data();
            float[] analytic = e.getValue()[1].data();
            for (int j = 0; j < d.length; j++) {
                float v = d[j];
                d[j] = v + tol.eps();
                float xp = d[j];
                double lp = loss(m, input, r);
                d[j] = v - tol.eps();
                float xm = d[j];
                double lm = loss(m, input, r);
                d[j] = v;
                double numeric = (lp - lm) / ((double) xp - xm);
                double a = analytic[j];
                if (!(Math.abs(a - numeric) <= tol.atol() + tol.rtol() * Math.max(Math.abs(a), Math.abs(numeric)))) {
                    fail(m + ": gradient of " + e.getKey() + " at flat index " + j + ": analytic " + a + " vs numeric " + numeric);
                }
            }
        }
    }

    private static double loss(Module m, Tensor x, Tensor r) {
        Tensor y;
        try (NoGrad _ = NoGrad.enter()) {
            y = m.forward(Variable.constant(x.copy())).data();
        }
        double s = 0;
        for (int k = 0; k < y.size(); k++) {
            s += (double) r.data()[k] * y.data()[k];
        }
        return s;
    }
}
