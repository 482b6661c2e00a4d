package io.dot4j.core.functions.array;

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

class ArrayOpsTest {
    @Test
    void flattenKeepsTheBatchAxis() {
        Rng rng = new Rng(1);
        Tensor x = Tensor.randn(rng, 2, 3, 4, 5);
        Variable y = F.flatten(Variable.constant(x));
        assertArrayEquals(new int[] {2, 60}, y.shape());
        assertArrayEquals(new int[] {1, 1}, F.flatten(Variable.constant(Tensor.zeros(1))).shape());
        Tensor m = Tensor.randn(rng, 2, 60);
        GradientCheck.check(v -> F.mul(F.flatten(v[0]), Variable.constant(m)), 600, x);
    }

    @Test
    void transposeMovesElementsLikeNumpy() {
        Rng rng = new Rng(2);
        Tensor x = Tensor.randn(rng, 2, 3, 4);
        Tensor y = F.transpose(Variable.constant(x), 1, 2, 0).data();
        assertArrayEquals(new int[] {3, 4, 2}, y.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(x.get(i, j, k), y.get(j, k, i));
                }
            }
        }
        Tensor r = F.transpose(Variable.constant(x)).data();
        assertArrayEquals(new int[] {4, 3, 2}, r.shape());
        assertEquals(x.get(1, 2, 3), r.get(3, 2, 1));
        Tensor m = Tensor.randn(rng, 3, 4, 2);
        GradientCheck.check(v -> F.mul(F.transpose(v[0], 1, 2, 0), Variable.constant(m)), 601, x);
        Tensor m2 = Tensor.randn(rng, 5, 2, 3, 4);
        GradientCheck.check(v -> F.mul(F.transpose(v[0], 3, 0, 1, 2), Variable.constant(m2)), 602, Tensor.randn(rng, 2, 3, 4, 5));
        ShapeException e = assertThrows(ShapeException.class, () -> F.transpose(Variable.constant(x), 0, 0, 1));
        assertEquals("transpose: expected a permutation of 0..2 for shape [2, 3, 4], actual [0, 0, 1]", e.getMessage());
    }

    @Test
    void concatJoinsAndSplitsGradients() {
        Rng rng = new Rng(3);
        Tensor a = Tensor.randn(rng, 2, 1, 3);
        Tensor b = Tensor.randn(rng, 2, 4, 3);
        Tensor c = Tensor.randn(rng, 2, 2, 3);
        Tensor y = F.concat(1, Variable.constant(a), Variable.constant(b), Variable.constant(c)).data();
        assertArrayEquals(new int[] {2, 7, 3}, y.shape());
        assertEquals(a.get(1, 0, 2), y.get(1, 0, 2));
        assertEquals(b.get(1, 3, 1), y.get(1, 4, 1));
        assertEquals(c.get(0, 1, 0), y.get(0, 6, 0));
        Tensor m = Tensor.randn(rng, 2, 7, 3);
        GradientCheck.check(v -> F.mul(F.concat(1, v[0], v[1], v[2]), Variable.constant(m)), 603, a, b, c);
        Tensor m0 = Tensor.randn(rng, 4, 4, 3);
        GradientCheck.check(v -> F.mul(F.concat(0, v[0], v[1]), Variable.constant(m0)), 604, b, b);
        Tensor m2 = Tensor.randn(rng, 2, 4, 6);
        GradientCheck.check(v -> F.mul(F.concat(-1, v[0], v[1]), Variable.constant(m2)), 605, b, b);
        // a constant piece gets no gradient, the others still do
        Variable va = Variable.constant(a);
        Variable vb = new Variable(b);
        Variable z = F.concat(1, va, vb);
        z.setGrad(Tensor.ones(z.shape()));
        z.backward();
        assertNull(va.grad());
        assertArrayEquals(Tensor.ones(2, 4, 3).data(), vb.grad().data());
        assertThrows(ShapeException.class, () -> F.concat(0, Variable.constant(a), Variable.constant(b)));
    }

    @Test
    void reusedInputInConcatAccumulates() {
        Variable x = new Variable(Tensor.vector(1, 2));
        Variable y = F.concat(0, x, x, x);
        y.setGrad(Tensor.vector(1, 2, 3, 4, 5, 6));
        y.backward();
        assertArrayEquals(new float[] {9, 12}, x.grad().data());
    }
}
