package io.dot4j.core.functions.math;

import io.dot4j.core.autograd.GradientCheck;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MatMulTest {
    @Test
    void gradientsOnVariousShapes() {
        Rng rng = new Rng(7);
        int[][] mkn = {{1, 1, 1}, {1, 5, 3}, {4, 3, 2}, {6, 7, 5}};
        long seed = 10;
        for (int[] s : mkn) {
            GradientCheck.check(v -> F.matmul(v[0], v[1]), seed++, Tensor.randn(rng, s[0], s[1]), Tensor.randn(rng, s[1], s[2]));
        }
    }

    @Test
    void forwardMatchesDefinition() {
        Tensor a = Tensor.randn(new Rng(1), 3, 4);
        Tensor b = Tensor.randn(new Rng(2), 4, 5);
        Tensor c = F.matmul(Variable.constant(a), Variable.constant(b)).data();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 5; j++) {
                double e = 0;
                for (int p = 0; p < 4; p++) {
                    e += (double) a.get(i, p) * b.get(p, j);
                }
                assertEquals(e, c.get(i, j), 1e-5);
            }
        }
    }

    @Test
    void shapeMismatchMessage() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> F.matmul(new Variable(Tensor.zeros(2, 3)), new Variable(Tensor.zeros(4, 5))));
        assertEquals("matmul: expected 2-d a, b with a.shape[1] == b.shape[0], actual [2, 3] x [4, 5]", e.getMessage());
    }
}
