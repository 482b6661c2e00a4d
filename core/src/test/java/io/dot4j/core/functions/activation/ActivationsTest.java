package io.dot4j.core.functions.activation;

import io.dot4j.core.autograd.GradientCheck;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ActivationsTest {
    private static final int[][] SHAPES = {{1}, {3, 4}, {2, 2, 3, 3}};

    @Test
    void gradientChecks() {
        Rng rng = new Rng(9);
        long seed = 500;
        for (int[] s : SHAPES) {
            Tensor x = Tensor.randn(rng, s);
            GradientCheck.check(v -> F.leakyRelu(v[0], 0.2f), seed++, GradientCheck.awayFrom(x, 0f, 0.05f));
            GradientCheck.check(v -> F.tanh(v[0]), seed++, x);
            GradientCheck.check(v -> F.sigmoid(v[0]), seed++, x);
            Tensor h = GradientCheck.awayFrom(GradientCheck.awayFrom(x.scale(2f), -1f, 0.05f), 1f, 0.05f);
            GradientCheck.check(v -> F.hardTanh(v[0]), seed++, h);
            Tensor h2 = GradientCheck.awayFrom(GradientCheck.awayFrom(x, -0.5f, 0.05f), 0.25f, 0.05f);
            GradientCheck.check(v -> F.hardTanh(v[0], -0.5f, 0.25f), seed++, h2);
        }
    }

    @Test
    void knownValues() {
        Variable x = Variable.constant(Tensor.vector(-2f, 0f, 0.5f, 3f));
        assertArrayEquals(new float[] {-0.2f, 0f, 0.5f, 3f}, F.leakyRelu(x, 0.1f).data().data(), 1e-7f);
        assertArrayEquals(new float[] {-1f, 0f, 0.5f, 1f}, F.hardTanh(x).data().data());
        assertArrayEquals(new float[] {0f, 0f, 0.5f, 2f}, F.hardTanh(x, 0f, 2f).data().data());
        float[] t = F.tanh(x).data().data();
        float[] s = F.sigmoid(x).data().data();
        float[] xs = x.data().data();
        for (int i = 0; i < xs.length; i++) {
            assertEquals(Math.tanh(xs[i]), t[i], 1e-6);
            assertEquals(1 / (1 + Math.exp(-xs[i])), s[i], 1e-6);
        }
    }

    @Test
    void sigmoidSaturatesWithoutNaN() {
        Variable x = new Variable(Tensor.vector(-1000f, 1000f, -89f, 89f));
        Variable y = F.sigmoid(x);
        assertArrayEquals(new float[] {0f, 1f, 0f, 1f}, y.data().data(), 1e-30f);
        y.setGrad(Tensor.ones(4));
        y.backward();
        for (float g : x.grad().data()) {
            assertEquals(0f, g, 1e-30f);
        }
    }

    @Test
    void hardTanhBlocksGradientOutside() {
        Variable x = new Variable(Tensor.vector(-3f, 0.3f, 3f));
        Variable y = F.hardTanh(x);
        y.setGrad(Tensor.vector(1f, 2f, 3f));
        y.backward();
        assertArrayEquals(new float[] {0f, 2f, 0f}, x.grad().data());
    }

    @Test
    void badParameters() {
        assertThrows(IllegalArgumentException.class, () -> F.hardTanh(new Variable(Tensor.zeros(1)), 1f, 1f));
        assertThrows(IllegalArgumentException.class, () -> F.leakyRelu(new Variable(Tensor.zeros(1)), Float.NaN));
    }
}
