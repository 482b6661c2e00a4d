package io.dot4j.core.functions.connection;

import io.dot4j.core.autograd.GradientCheck;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LinearTest {
    @Test
    void gradientsWithAndWithoutBias() {
        Rng rng = new Rng(3);
        int[][] nio = {{1, 1, 1}, {1, 4, 3}, {5, 6, 2}, {3, 7, 9}};
        long seed = 20;
        for (int[] s : nio) {
            Tensor x = Tensor.randn(rng, s[0], s[1]);
            Tensor w = Tensor.randn(rng, s[2], s[1]);
            Tensor b = Tensor.randn(rng, s[2]);
            GradientCheck.check(v -> F.linear(v[0], v[1], v[2]), seed++, x, w, b);
            GradientCheck.check(v -> F.linear(v[0], v[1]), seed++, x, w);
        }
    }

    @Test
    void flattensHigherRankInputAndRestoresItsShapeInTheGradient() {
        Rng rng = new Rng(4);
        Tensor x = Tensor.randn(rng, 2, 3, 2, 2);
        Tensor w = Tensor.randn(rng, 5, 12);
        Tensor b = Tensor.randn(rng, 5);
        GradientCheck.check(v -> F.linear(v[0], v[1], v[2]), 30, x, w, b);
        Variable xv = new Variable(x);
        Variable y = F.linear(xv, new Variable(w), new Variable(b));
        assertArrayEquals(new int[] {2, 5}, y.shape());
        y.setGrad(Tensor.ones(2, 5));
        y.backward();
        assertArrayEquals(new int[] {2, 3, 2, 2}, xv.grad().shape());
    }

    @Test
    void forwardIsXWTransposedPlusB() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor w = Tensor.of(new float[] {1, 0, 0, 0, 1, 1}, 2, 3);
        Tensor b = Tensor.vector(10, 20);
        Tensor y = F.linear(Variable.constant(x), Variable.constant(w), Variable.constant(b)).data();
        assertArrayEquals(new float[] {11, 25, 14, 31}, y.data());
    }

    @Test
    void constantInputGetsNoGradient() {
        Variable x = Variable.constant(Tensor.ones(2, 3));
        Variable w = new Variable(Tensor.ones(4, 3));
        Variable y = F.linear(x, w);
        y.setGrad(Tensor.ones(2, 4));
        y.backward();
        assertNull(x.grad());
        assertArrayEquals(Tensor.full(2f, 4, 3).data(), w.grad().data());
    }

    @Test
    void shapeErrors() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> F.linear(new Variable(Tensor.zeros(2, 3)), new Variable(Tensor.zeros(4, 5))));
        assertEquals("linear: expected W.shape[1] == 3 (features of x [2, 3]), actual W [4, 5]", e.getMessage());
        assertThrows(ShapeException.class,
                () -> F.linear(new Variable(Tensor.zeros(2, 3)), new Variable(Tensor.zeros(4, 3)), new Variable(Tensor.zeros(3))));
    }
}
