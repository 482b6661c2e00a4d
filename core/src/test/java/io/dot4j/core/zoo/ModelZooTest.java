package io.dot4j.core.zoo;

import io.dot4j.core.autograd.NoGrad;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelZooTest {
    @Test
    void lenet300HasThePublishedParameterCount() {
        Sequential m = ModelZoo.create("lenet300", new Rng(1));
        assertEquals(266_610, m.parameterCount());
        assertEquals(List.of("fc1.W", "fc1.b", "fc2.W", "fc2.b", "fc3.W", "fc3.b"), List.copyOf(m.namedParameters().keySet()));
        try (NoGrad _ = NoGrad.enter()) {
            assertArrayEquals(new int[] {3, 10}, m.forward(Variable.constant(Tensor.zeros(3, 1, 28, 28))).shape());
        }
    }

    @Test
    void lenet5HasThePublishedParameterCount() {
        Sequential m = ModelZoo.create("lenet5", new Rng(1));
        assertEquals(431_080, m.parameterCount());
        assertArrayEquals(new int[] {50, 20, 5, 5}, m.namedParameters().get("conv2.W").shape());
        assertArrayEquals(new int[] {500, 800}, m.namedParameters().get("fc1.W").shape());
        try (NoGrad _ = NoGrad.enter()) {
            assertArrayEquals(new int[] {2, 10}, m.forward(Variable.constant(Tensor.zeros(2, 1, 28, 28))).shape());
        }
    }

    @Test
    void argumentsChangeTheShapes() {
        Sequential m = ModelZoo.create(new ModelSpec("lenet5", Map.of("channels", 3, "height", 32, "width", 32, "classes", 4)),
                new Rng(1));
        assertArrayEquals(new int[] {20, 3, 5, 5}, m.namedParameters().get("conv1.W").shape());
        assertArrayEquals(new int[] {500, 50 * 5 * 5}, m.namedParameters().get("fc1.W").shape());
        assertArrayEquals(new int[] {4}, m.namedParameters().get("fc2.b").shape());
    }

    @Test
    void sameSeedSameWeights() {
        var a = ModelZoo.create("lenet5", new Rng(5)).namedParameters();
        var b = ModelZoo.create("lenet5", new Rng(5)).namedParameters();
        a.forEach((k, v) -> assertTrue(v.data().bitEquals(b.get(k).data()), k));
    }

    @Test
    void unknownNamesAndArgumentsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelZoo.create("vgg", new Rng(1)));
        assertEquals("unknown model 'vgg', expected one of [lenet300, lenet5]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.create(new ModelSpec("lenet5", Map.of("depth", 3)), new Rng(1)));
        assertTrue(e.getMessage().contains("unknown argument 'depth'"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.create(new ModelSpec("lenet5", Map.of("height", 8)), new Rng(1)));
    }
}
