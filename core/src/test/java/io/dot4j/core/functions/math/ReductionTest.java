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

class ReductionTest {
    @Test
    void gradientChecksOverAllAndEachAxis() {
        Rng rng = new Rng(4);
        Tensor x = Tensor.randn(rng, 2, 3, 4);
        long seed = 700;
        GradientCheck.check(v -> F.sum(v[0]), seed++, x);
        GradientCheck.check(v -> F.mean(v[0]), seed++, x);
        for (int axis = -3; axis < 3; axis++) {
            int a = axis;
            GradientCheck.check(v -> F.sum(v[0], a, false), seed++, x);
            GradientCheck.check(v -> F.mean(v[0], a, true), seed++, x);
        }
        GradientCheck.check(v -> F.sum(v[0]), seed, Tensor.randn(rng, 1));
    }

    @Test
    void valuesAndShapes() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Variable v = Variable.constant(x);
        assertEquals(21f, F.sum(v).item());
        assertArrayEquals(new int[0], F.sum(v).shape());
        assertEquals(3.5f, F.mean(v).item());
        assertArrayEquals(new float[] {5, 7, 9}, F.sum(v, 0, false).data().data());
        assertArrayEquals(new int[] {3}, F.sum(v, 0, false).shape());
        assertArrayEquals(new float[] {2, 5}, F.mean(v, -1, false).data().data());
        assertArrayEquals(new int[] {2, 1}, F.mean(v, 1, true).shape());
        ShapeException e = assertThrows(ShapeException.class, () -> F.sum(v, 2, false));
        assertEquals("sum: expected axis in [-2, 2), actual 2", e.getMessage());
    }
}
