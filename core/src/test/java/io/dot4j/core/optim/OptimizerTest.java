package io.dot4j.core.optim;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each rule against steps worked out by hand (the arithmetic is in the comments). */
class OptimizerTest {
    private static Map<String, Variable> params(float... w) {
        Map<String, Variable> m = new LinkedHashMap<>();
        m.put("w", new Variable(Tensor.vector(w)));
        return m;
    }

    private static void grad(Map<String, Variable> p, float... g) {
        p.get("w").setGrad(Tensor.vector(g));
    }

    private static float[] w(Map<String, Variable> p) {
        return p.get("w").data().data();
    }

    @Test
    void plainSgd() {
        var p = params(1f, 2f);
        SGD o = new SGD(p, LrSchedule.constant(0.1), 0f, false);
        grad(p, 0.5f, -1f);
        o.step();
        // 1 - 0.1 * 0.5 = 0.95; 2 - 0.1 * -1 = 2.1
        assertArrayEquals(new float[] {0.95f, 2.1f}, w(p), 1e-7f);
        assertEquals(1, o.steps());
        assertEquals(0.1, o.lastLr(), 1e-12);
    }

    @Test
    void momentumAndNesterov() {
        var p = params(1f);
        SGD o = new SGD(p, LrSchedule.constant(0.1), 0.9f, false);
        grad(p, 0.5f);
        o.step(); // v = 0.5, w = 1 - 0.05 = 0.95
        grad(p, 0.5f);
        o.step(); // v = 0.45 + 0.5 = 0.95, w = 0.95 - 0.095 = 0.855
        assertEquals(0.855f, w(p)[0], 1e-6f);

        var q = params(1f);
        SGD n = new SGD(q, LrSchedule.constant(0.1), 0.9f, true);
        grad(q, 0.5f);
        n.step(); // v = 0.5, w = 1 - 0.1 (0.5 + 0.45) = 0.905
        assertEquals(0.905f, w(q)[0], 1e-6f);
        grad(q, 0.5f);
        n.step(); // v = 0.95, w = 0.905 - 0.1 (0.5 + 0.855) = 0.7695
        assertEquals(0.7695f, w(q)[0], 1e-6f);
    }

    @Test
    void adamTwoSteps() {
        var p = params(1f);
        Adam o = new Adam(p, LrSchedule.constant(0.01), 0.9f, 0.999f, 1e-8f);
        grad(p, 0.5f);
        o.step(); // m^ = g, v^ = g^2: w = 1 - 0.01 * 0.5 / 0.5 = 0.99
        assertEquals(0.99f, w(p)[0], 1e-6f);
        grad(p, -1f);
        o.step();
        // m = 0.045 - 0.1 = -0.055, v = 0.999 * 0.00025 + 0.001 = 0.00124975; m^ = -0.055 / 0.19 = -0.2894737,
        // v^ = 0.00124975 / 0.001999 = 0.6251876, sqrt = 0.7906881; w = 0.99 + 0.01 * 0.3660994 = 0.99366099
        assertEquals(0.99366099f, w(p)[0], 1e-6f);
        assertEquals(List.of("m", "v"), List.copyOf(o.state().slots().get("w").keySet()));
    }

    @Test
    void adamWDecaysTheWeightsNotTheGradient() {
        var p = params(1f);
        AdamW o = new AdamW(p, LrSchedule.constant(0.01), 0.9f, 0.999f, 1e-8f, 0.1f);
        grad(p, 0.5f);
        o.step(); // w = 1 * (1 - 0.01 * 0.1) = 0.999, then the Adam step 0.01 * sign(g): 0.989
        assertEquals(0.989f, w(p)[0], 1e-6f);
        assertEquals(0.5f, p.get("w").grad().item()); // the gradient itself is not decayed
    }

    @Test
    void coupledL2DecayAddsToTheGradient() {
        var p = params(1f);
        Optimizer o = new SGD(p, LrSchedule.constant(0.1), 0f, false).setWeightDecay(0.1f);
        grad(p, 0.5f);
        o.step(); // g = 0.5 + 0.1 * 1 = 0.6, w = 1 - 0.06 = 0.94
        assertEquals(0.94f, w(p)[0], 1e-6f);
    }

    @Test
    void clippingByGlobalNormOverAllParameters() {
        Map<String, Variable> p = new LinkedHashMap<>();
        p.put("a", new Variable(Tensor.vector(0f)));
        p.put("b", new Variable(Tensor.vector(0f)));
        p.put("unused", new Variable(Tensor.vector(7f)));
        p.get("a").setGrad(Tensor.vector(3f));
        p.get("b").setGrad(Tensor.vector(4f));
        Optimizer o = new SGD(p, LrSchedule.constant(1), 0f, false).setMaxGradNorm(1f);
        o.step(); // norm 5 > 1: g = (0.6, 0.8)
        assertEquals(-0.6f, p.get("a").data().item(), 1e-6f);
        assertEquals(-0.8f, p.get("b").data().item(), 1e-6f);
        assertEquals(7f, p.get("unused").data().item()); // no gradient, no update
        assertEquals(5.0, o.lastGradNorm(), 1e-9);
        p.get("a").setGrad(Tensor.vector(0.3f));
        p.get("b").setGrad(Tensor.vector(0.4f));
        o.step(); // norm 0.5 <= 1: unchanged
        assertEquals(-0.9f, p.get("a").data().item(), 1e-6f);
    }

    @Test
    void hooksSeeTheFinalGradientAndCanMaskTheWeights() {
        var p = params(1f, 1f, 1f);
        List<String> calls = new ArrayList<>();
        Optimizer o = new SGD(p, LrSchedule.constant(0.1), 0.5f, false).addHook(new UpdateHook() {
            @Override
            public void beforeUpdate(String name, Variable param) {
                calls.add("before " + name + " " + param.grad().get(1));
                param.grad().set(0f, 1); // pruned weight: no gradient
            }

            @Override
            public void afterUpdate(String name, Variable param) {
                calls.add("after " + name);
                param.data().set(0f, 2); // pruned weight: forced to zero
            }
        });
        grad(p, 1f, 1f, 1f);
        o.step();
        assertEquals(List.of("before w 1.0", "after w"), calls);
        assertArrayEquals(new float[] {0.9f, 1f, 0f}, w(p), 1e-7f);
    }

    @Test
    void stateRoundTripContinuesWithIdenticalBits() {
        var a = params(1f, -2f, 0.5f);
        Adam oa = new Adam(a, LrSchedule.constant(0.01).withWarmup(3), 0.9f, 0.999f, 1e-8f);
        for (int i = 0; i < 3; i++) {
            grad(a, 0.1f * i, -0.3f, 1f / (i + 1));
            oa.step();
        }
        OptimizerState s = oa.state();
        var b = params(w(a).clone());
        Adam ob = new Adam(b, LrSchedule.constant(0.01).withWarmup(3), 0.9f, 0.999f, 1e-8f);
        ob.load(s);
        assertEquals(3, ob.steps());
        for (int i = 0; i < 4; i++) {
            grad(a, 0.2f, 0.7f * i, -1f);
            grad(b, 0.2f, 0.7f * i, -1f);
            oa.step();
            ob.step();
        }
        assertTrue(a.get("w").data().bitEquals(b.get("w").data()));
        // the saved state is a copy: later steps did not change it
        assertEquals(3, s.steps());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SGD(params(1, 2, 3), LrSchedule.constant(1), 0.9f, false).load(s));
        assertEquals("optimizer state: expected kind sgd, actual adam", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adam(params(1, 2), LrSchedule.constant(1), 0.9f, 0.999f, 1e-8f).load(s));
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SGD(params(1), LrSchedule.constant(1), 1f, false));
        assertThrows(IllegalArgumentException.class, () -> new SGD(params(1), LrSchedule.constant(1), 0f, true));
        assertThrows(IllegalArgumentException.class, () -> new SGD(new LinkedHashMap<>(), LrSchedule.constant(1), 0f, false));
        assertThrows(IllegalArgumentException.class, () -> new SGD(params(1), LrSchedule.constant(1), 0f, false).setWeightDecay(-1));
        assertThrows(IllegalArgumentException.class, () -> new Adam(params(1), LrSchedule.constant(1), 1f, 0.9f, 1e-8f));
    }
}
