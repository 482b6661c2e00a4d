package io.dot4j.core.functions.activation;

import io.dot4j.core.autograd.GradientCheck;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class ReLUTest {
    @Test
    void gradientAwayFromTheKink() {
        Rng rng = new Rng(1);
        int[][] shapes = {{1}, {7}, {2, 3, 4, 5}};
        long seed = 1;
        for (int[] s : shapes) {
            Tensor x = GradientCheck.awayFrom(Tensor.randn(rng, s), 0f, 0.05f);
            GradientCheck.check(v -> F.relu(v[0]), seed++, x);
        }
    }

    @Test
    void forwardAndBackwardValues() {
        Variable x = new Variable(Tensor.vector(-2, 0, 3));
        Variable y = F.relu(x);
        assertArrayEquals(new float[] {0, 0, 3}, y.data().data());
        y.setGrad(Tensor.vector(5, 5, 5));
        y.backward();
        assertArrayEquals(new float[] {0, 0, 5}, x.grad().data());
    }
}
