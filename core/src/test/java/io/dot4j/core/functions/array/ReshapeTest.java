package io.dot4j.core.functions.array;

import io.dot4j.core.autograd.GradientCheck;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReshapeTest {
    @Test
    void gradientAndShapes() {
        Rng rng = new Rng(5);
        // multiply by a fixed tensor after reshaping so the check sees positions, not just a sum
        Tensor m = Tensor.randn(rng, 4, 6);
        GradientCheck.check(v -> F.mul(F.reshape(v[0], 4, -1), Variable.constant(m)), 60, Tensor.randn(rng, 2, 3, 4));
        Variable x = new Variable(Tensor.randn(rng, 2, 3, 4));
        Variable y = F.reshape(x, -1);
        assertArrayEquals(new int[] {24}, y.shape());
        y.setGrad(Tensor.ones(24));
        y.backward();
        assertArrayEquals(new int[] {2, 3, 4}, x.grad().shape());
        assertThrows(ShapeException.class, () -> F.reshape(x, 5, 5));
    }
}
