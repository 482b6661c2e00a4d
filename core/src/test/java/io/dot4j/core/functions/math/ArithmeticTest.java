package io.dot4j.core.functions.math;

import io.dot4j.core.autograd.GradientCheck;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ArithmeticTest {
    private static final int[][][] SHAPE_PAIRS = {
        {{3, 4}, {3, 4}},
        {{3, 1}, {1, 4}},
        {{}, {2, 3}},
        {{2, 3}, {}},
        {{2, 3, 2, 2}, {1, 3, 1, 1}},
        {{4}, {2, 3, 4}},
        {{1}, {1}},
    };

    private static Tensor awayFromZero(Tensor t) {
        // keeps divisors at |b| >= 0.5 so a/b stays smooth within the difference step
        return GradientCheck.awayFrom(t, 0f, 0.5f);
    }

    @Test
    void gradientsOfAllFourOperatorsUnderBroadcasting() {
        Rng rng = new Rng(42);
        long seed = 1;
        for (int[][] p : SHAPE_PAIRS) {
            Tensor a = Tensor.randn(rng, p[0]);
            Tensor b = Tensor.randn(rng, p[1]);
            GradientCheck.check(v -> F.add(v[0], v[1]), seed++, a, b);
            GradientCheck.check(v -> F.sub(v[0], v[1]), seed++, a, b);
            GradientCheck.check(v -> F.mul(v[0], v[1]), seed++, a, b);
            GradientCheck.check(v -> F.div(v[0], v[1]), seed++, a, awayFromZero(b));
        }
    }

    @Test
    void reusedVariablesGradientCheck() {
        Rng rng = new Rng(43);
        // y = x*x + x uses x three times; y = a*b + a/b + b uses both twice, with broadcasting
        GradientCheck.check(v -> F.add(F.mul(v[0], v[0]), v[0]), 90, Tensor.randn(rng, 3, 4));
        GradientCheck.check(v -> F.add(F.add(F.mul(v[0], v[1]), F.div(v[0], v[1])), v[1]), 91,
                Tensor.randn(rng, 2, 3), awayFromZero(Tensor.randn(rng, 1, 3)));
    }

    @Test
    void forwardValuesFollowBroadcasting() {
        Variable a = new Variable(Tensor.of(new float[] {1, 2, 3}, 3, 1));
        Variable b = new Variable(Tensor.of(new float[] {10, 20}, 1, 2));
        assertArrayEquals(new float[] {11, 21, 12, 22, 13, 23}, F.add(a, b).data().data());
        assertArrayEquals(new float[] {-9, -19, -8, -18, -7, -17}, F.sub(a, b).data().data());
        assertArrayEquals(new float[] {10, 20, 20, 40, 30, 60}, F.mul(a, b).data().data());
        assertArrayEquals(new float[] {0.1f, 0.05f, 0.2f, 0.1f, 0.3f, 0.15f}, F.div(a, b).data().data(), 1e-7f);
    }

    @Test
    void broadcastGradientIsSummedOverBroadcastAxes() {
        Variable a = new Variable(Tensor.zeros(2, 3));
        Variable b = new Variable(Tensor.zeros(1, 3));
        Variable y = F.add(a, b);
        y.setGrad(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        y.backward();
        assertArrayEquals(new float[] {5, 7, 9}, b.grad().data());
        assertArrayEquals(new int[] {1, 3}, b.grad().shape());
    }

    @Test
    void incompatibleShapesNameTheOperation() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> F.mul(new Variable(Tensor.zeros(2, 3)), new Variable(Tensor.zeros(2))));
        assertEquals("mul: expected broadcastable shapes (equal dims or 1, aligned from the right), actual [2, 3] and [2]",
                e.getMessage());
    }
}
