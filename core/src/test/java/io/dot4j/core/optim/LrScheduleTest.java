package io.dot4j.core.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LrScheduleTest {
    @Test
    void constantAndStep() {
        assertEquals(0.3, LrSchedule.constant(0.3).lr(12345), 0);
        LrSchedule s = LrSchedule.step(1, 0.5, 2);
        double[] expect = {1, 1, 0.5, 0.5, 0.25};
        for (int i = 0; i < expect.length; i++) {
            assertEquals(expect[i], s.lr(i), 1e-15, "step " + i);
        }
    }

    @Test
    void cosineGoesFromLrToMinAndStays() {
        LrSchedule c = LrSchedule.cosine(0.1, 100, 0.001);
        assertEquals(0.1, c.lr(0), 1e-15);
        assertEquals((0.1 + 0.001) / 2, c.lr(50), 1e-15);
        assertEquals(0.001 + 0.099 * 0.5 * (1 + Math.cos(Math.PI * 0.25)), c.lr(25), 1e-12);
        assertEquals(0.001, c.lr(100), 1e-15);
        assertEquals(0.001, c.lr(1000), 1e-15);
        for (int i = 1; i <= 100; i++) {
            assertEquals(true, c.lr(i) <= c.lr(i - 1), "not decreasing at " + i);
        }
    }

    @Test
    void warmupRampsLinearlyThenFollowsTheInnerSchedule() {
        LrSchedule w = LrSchedule.cosine(1, 10, 0).withWarmup(4);
        LrSchedule inner = LrSchedule.cosine(1, 10, 0);
        for (int i = 0; i < 4; i++) {
            assertEquals(inner.lr(i) * (i + 1) / 4, w.lr(i), 1e-15, "step " + i);
        }
        for (int i = 4; i < 12; i++) {
            assertEquals(inner.lr(i), w.lr(i), 0, "step " + i);
        }
        assertEquals(0.25, LrSchedule.constant(1).withWarmup(4).lr(0), 0);
        assertEquals(1, LrSchedule.constant(1).withWarmup(0).lr(0), 0);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.constant(0));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.constant(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.step(1, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.cosine(1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.cosine(1, 10, 2));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.constant(1).withWarmup(-1));
    }
}
