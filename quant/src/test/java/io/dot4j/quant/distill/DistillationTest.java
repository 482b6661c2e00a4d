package io.dot4j.quant.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DistillationTest {

    @Test
    void alphaZeroIsCrossEntropyAndEqualScoresHaveNoSoftLoss() {
        Rng rng = new Rng(1);
        Tensor s = Tensor.randn(rng, 1f, 4, 5);
        int[] y = {0, 3, 4, 1};
        float ce = F.softmaxCrossEntropy(Variable.constant(s), y).item();
        assertEquals(ce, Distillation.loss(Variable.constant(s), Variable.constant(s), y, 0, 3).item(), 1e-6);
        assertEquals(0f, Distillation.loss(Variable.constant(s), Variable.constant(s), y, 1, 3).item(), 1e-7);
    }

    @Test
    void softTermByHand() {
        // one sample, two classes, T = 1: p_t = (0.5, 0.5), student scores (ln 3, 0): p_s = (0.75, 0.25)
        // KL = 0.5 ln(0.5/0.75) + 0.5 ln(0.5/0.25) = 0.5 ln(4/3); alpha = 1
        Tensor s = Tensor.of(new float[] {(float) Math.log(3), 0}, 1, 2);
        Tensor t = Tensor.zeros(1, 2);
        Variable sv = new Variable(s);
        Variable loss = Distillation.loss(sv, Variable.constant(t), new int[] {0}, 1, 1);
        assertEquals(0.5 * Math.log(4.0 / 3), loss.item(), 1e-6);
        loss.backward();
        assertEquals(0.25, sv.grad().data()[0], 1e-6); // T * (p_s - p_t)
        assertEquals(-0.25, sv.grad().data()[1], 1e-6);
    }

    @Test
    void gradientsMatchCentralDifferences() {
        Rng rng = new Rng(5);
        for (double[] at : new double[][] {{0.5, 4}, {0.9, 1}, {0.2, 10}}) {
            Tensor s = Tensor.randn(rng, 2f, 3, 4);
            Tensor t = Tensor.randn(rng, 2f, 3, 4);
            int[] y = {2, 0, 3};
            Variable sv = new Variable(s.copy()), tv = new Variable(t.copy());
            Distillation.loss(sv, tv, y, at[0], at[1]).backward();
            for (int which = 0; which < 2; which++) {
                Tensor base = which == 0 ? s : t;
                float[] analytic = (which == 0 ? sv : tv).grad().data();
                for (int i = 0; i < base.size(); i++) {
                    double h = 1e-2;
                    double up = lossAt(which, s, t, i, h, y, at), down = lossAt(which, s, t, i, -h, y, at);
                    double numeric = (up - down) / (2 * h);
                    assertEquals(numeric, analytic[i], 1e-3 + 1e-2 * Math.abs(numeric),
                            "input " + which + " element " + i + " alpha " + at[0] + " T " + at[1]);
                }
            }
        }
    }

    private static double lossAt(int which, Tensor s, Tensor t, int i, double h, int[] y, double[] at) {
        Tensor a = s.copy(), b = t.copy();
        Tensor p = which == 0 ? a : b;
        p.data()[i] += (float) h;
        return Distillation.loss(Variable.constant(a), Variable.constant(b), y, at[0], at[1]).item();
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Distillation(new int[1], 1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new Distillation(new int[1], 0.5, 0));
    }
}
