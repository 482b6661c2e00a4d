package io.dot4j.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dot4j.core.nn.Linear;
import io.dot4j.core.tensor.Rng;
import org.junit.jupiter.api.Test;

class OptimizerSettingsTest {
    @Test
    void buildsEachKindAndRefusesOthers() {
        Linear net = new Linear(3, 2, new Rng(1));
        LrSchedule lr = LrSchedule.constant(0.1);
        assertInstanceOf(SGD.class, new OptimizerSettings("sgd", 0.9f, true, 0f, 0f).create(net, lr));
        assertEquals(Adam.class, new OptimizerSettings("adam", 0f, false, 1e-4f, 1f).create(net, lr).getClass());
        assertInstanceOf(AdamW.class, new OptimizerSettings("adamw", 0f, false, 0.01f, 0f).create(net, lr));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OptimizerSettings("rmsprop", 0f, false, 0f, 0f));
        assertEquals("optimizer: expected one of [sgd, adam, adamw], got rmsprop", e.getMessage());
    }
}
