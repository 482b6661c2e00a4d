package io.dot4j.core.functions.noise;

import io.dot4j.core.autograd.GradientCheck;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DropoutTest {
    @Test
    void dropsAboutRatioAndScalesSurvivors() {
        Tensor x = Tensor.ones(100_000);
        Tensor y = F.dropout(Variable.constant(x), 0.3f, new Rng(1), true).data();
        int zeros = 0;
        for (float v : y.data()) {
            if (v == 0f) {
                zeros++;
            } else {
                assertEquals(1f / 0.7f, v, 1e-6f);
            }
        }
        assertEquals(0.3, zeros / 100_000.0, 0.01);
    }

    @Test
    void sameSeedSameMaskDifferentSeedDifferentMask() {
        Tensor x = Tensor.randn(new Rng(2), 50);
        Tensor a = F.dropout(Variable.constant(x), 0.5f, new Rng(7), true).data();
        Tensor b = F.dropout(Variable.constant(x), 0.5f, new Rng(7), true).data();
        Tensor c = F.dropout(Variable.constant(x), 0.5f, new Rng(8), true).data();
        assertTrue(a.bitEquals(b));
        assertTrue(!a.bitEquals(c));
    }

    @Test
    void gradientFollowsTheMask() {
        Tensor x = Tensor.randn(new Rng(3), 4, 5);
        GradientCheck.check(v -> F.dropout(v[0], 0.4f, new Rng(9), true), 1000, x);
        Variable xv = new Variable(x);
        Variable y = F.dropout(xv, 0.4f, new Rng(9), true);
        y.setGrad(Tensor.ones(4, 5));
        y.backward();
        for (int i = 0; i < x.size(); i++) {
            assertEquals(y.data().data()[i] == 0f ? 0f : 1f / 0.6f, xv.grad().data()[i], 1e-6f);
        }
    }

    @Test
    void identityInEvalOrWithRatioZero() {
        Variable x = new Variable(Tensor.randn(new Rng(4), 3, 3));
        assertSame(x, F.dropout(x, 0.5f, new Rng(1), false));
        assertSame(x, F.dropout(x, 0f, new Rng(1), true));
        Tensor y = new Dropout(0f, new Rng(1)).apply(x).data();
        assertTrue(y.bitEquals(x.data()));
        assertThrows(IllegalArgumentException.class, () -> F.dropout(x, 1f, new Rng(1), true));
        assertThrows(IllegalArgumentException.class, () -> F.dropout(x, -0.1f, new Rng(1), false));
    }
}
