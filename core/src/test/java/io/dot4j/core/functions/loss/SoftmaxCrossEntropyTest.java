package io.dot4j.core.functions.loss;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoftmaxCrossEntropyTest {
    @Test
    void gradientOnRandomBatches() {
        Rng rng = new Rng(2);
        int[][] shapes = {{1, 2}, {1, 10}, {5, 3}, {8, 10}};
        long seed = 50;
        for (int[] s : shapes) {
            Tensor x = Tensor.randn(rng, s);
            int[] labels = new int[s[0]];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = rng.nextInt(s[1]);
            }
            GradientCheck.check(v -> F.softmaxCrossEntropy(v[0], labels), seed++, x);
        }
    }

    @Test
    void matchesTheDefinitionInDouble() {
        Tensor x = Tensor.randn(new Rng(8), 4, 6);
        int[] labels = {0, 5, 2, 2};
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            double z = 0;
            for (int j = 0; j < 6; j++) {
                z += Math.exp(x.get(i, j));
            }
            expected += -Math.log(Math.exp(x.get(i, labels[i])) / z);
        }
        float loss = F.softmaxCrossEntropy(Variable.constant(x), labels).item();
        assertEquals(expected / 4, loss, 1e-5);
    }

    @Test
    void hugeScoresStayFinite() {
        Variable x = new Variable(Tensor.of(new float[] {1000f, 0f, -1000f, 1000f, 999f, 0f}, 2, 3));
        Variable loss = F.softmaxCrossEntropy(x, new int[] {0, 1});
        // row 0: loss 0; row 1: log(1 + e^-1 + e^-1000) + 1
        double expected = (0 + Math.log(1 + Math.exp(-1)) + 1) / 2;
        assertEquals(expected, loss.item(), 1e-5);
        loss.backward();
        for (float g : x.grad().data()) {
            assertTrue(Float.isFinite(g));
        }
        // the gradient of each row sums to zero (softmax sums to one)
        assertEquals(0f, x.grad().get(1, 0) + x.grad().get(1, 1) + x.grad().get(1, 2), 1e-6f);
    }

    @Test
    void rejectsBadLabelsAndShapes() {
        Variable x = new Variable(Tensor.zeros(2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> F.softmaxCrossEntropy(x, new int[] {0, 3}));
        assertEquals("softmax_cross_entropy: expected labels in [0, 3), actual labels[1] = 3", e.getMessage());
        assertThrows(ShapeException.class, () -> F.softmaxCrossEntropy(x, new int[] {0}));
    }

    @Test
    void uniformScoresGiveLogK() {
        Variable x = new Variable(Tensor.zeros(3, 10));
        Variable loss = F.softmaxCrossEntropy(x, new int[] {1, 2, 3});
        assertEquals(Math.log(10), loss.item(), 1e-6);
        assertArrayEquals(new int[0], loss.shape());
    }
}
