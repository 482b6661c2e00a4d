package io.dot4j.core.functions.evaluation;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AccuracyTest {
    @Test
    void countsArgmaxHits() {
        Tensor s = Tensor.of(new float[] {
            0.1f, 0.9f, 0f,
            2f, 1f, 0f,
            0f, 0f, 5f,
            1f, 1f, 0f}, 4, 3);
        assertEquals(0.75f, Accuracy.of(s, new int[] {1, 0, 1, 0}));
        assertEquals(0.25f, Accuracy.of(s, new int[] {0, 1, 2, 1}));
        Variable acc = F.accuracy(new Variable(s), new int[] {1, 0, 2, 0});
        assertEquals(1f, acc.item());
        assertNull(acc.creator());
        assertThrows(ShapeException.class, () -> Accuracy.of(s, new int[] {1}));
    }
}
