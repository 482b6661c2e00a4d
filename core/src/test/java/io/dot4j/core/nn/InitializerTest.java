package io.dot4j.core.nn;

import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitializerTest {
    @Test
    void heNormalHasStdSqrtTwoOverFanIn() {
        Tensor t = Initializer.he().create(new int[] {200, 50, 3, 3}, 450, 1800, new Rng(1));
        double mean = 0;
        double sq = 0;
        for (float v : t.data()) {
            mean += v;
            sq += (double) v * v;
        }
        int n = t.size();
        mean /= n;
        double std = Math.sqrt(sq / n - mean * mean);
        assertEquals(0, mean, 0.002);
        assertEquals(Math.sqrt(2.0 / 450), std, 0.01 * Math.sqrt(2.0 / 450));
    }

    @Test
    void glorotUniformStaysInItsBoundAndFillsIt() {
        float a = (float) Math.sqrt(6.0 / (300 + 100));
        Tensor t = Initializer.glorot().create(new int[] {100, 300}, 300, 100, new Rng(2));
        float max = 0;
        for (float v : t.data()) {
            assertTrue(v >= -a && v < a, "value " + v + " outside +-" + a);
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 0.99f * a, "max |value| " + max + " should approach the bound " + a);
    }

    @Test
    void sameSeedSameBitsAndLayersDrawInOrder() {
        Linear a = new Linear(10, 5, new Rng(3));
        Linear b = new Linear(10, 5, new Rng(3));
        assertTrue(a.weight().data().bitEquals(b.weight().data()));
        assertTrue(!a.weight().data().bitEquals(new Linear(10, 5, new Rng(4)).weight().data()));
        assertEquals(0f, a.bias().data().maxAbs());
        assertThrows(IllegalArgumentException.class, () -> Initializer.he().create(new int[] {1}, 0, 1, new Rng(1)));
    }

    @Test
    void fansAreLongSoHugeLayersDoNotOverflowIntoANegativeFan() {
        // a 32,768-output conv with a 255x255 kernel has fanOut 32,768 * 65,025, beyond an int
        long fanOut = 32_768L * 255 * 255;
        Tensor t = Initializer.glorot().create(new int[] {2}, 255L * 255, fanOut, new Rng(1));
        float bound = (float) Math.sqrt(6.0 / (255L * 255 + fanOut));
        for (float v : t.data()) {
            assertTrue(Math.abs(v) <= bound && v != 0f, "glorot value " + v + " within " + bound);
        }
        assertEquals(2, Initializer.he().create(new int[] {2}, 3_000_000_000L, 1, new Rng(1)).size());
    }
}
