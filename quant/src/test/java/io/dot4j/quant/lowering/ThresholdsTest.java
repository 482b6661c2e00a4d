package io.dot4j.quant.lowering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.ir.ThresholdActivation;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Thresholds solved from folds, by hand and against the defining comparison for every accumulator. */
class ThresholdsTest {

    @Test
    void positiveSlopeByHand() {
        // y = 0.1 acc + 0.05, step 1, 2 bits: level j needs y >= j - 0.5 -> acc >= 4.5, 14.5, 24.5 -> 5, 15, 25
        Thresholds.Channel ch = Thresholds.solve(new ChannelFold(0.1, 0.05), 1000, 3, 1.0);
        assertFalse(ch.negative());
        assertArrayEquals(new int[] {5, 15, 25}, ch.thresholds());
    }

    @Test
    void negativeSlopeByHand() {
        // y = -0.1 acc + 0.05: y >= j - 0.5 iff acc <= -(j - 0.55) * 10 = -4.5, -14.5, -24.5 -> floors -5, -15, -25, sorted
        Thresholds.Channel ch = Thresholds.solve(new ChannelFold(-0.1, 0.05), 1000, 3, 1.0);
        assertTrue(ch.negative());
        assertArrayEquals(new int[] {-25, -15, -5}, ch.thresholds());
        ThresholdActivation t = new ThresholdActivation(1, 2, ch.thresholds(), new boolean[] {true});
        assertEquals(3, t.level(0, -25));
        assertEquals(2, t.level(0, -24));
        assertEquals(1, t.level(0, -5));
        assertEquals(0, t.level(0, -4));
    }

    @Test
    void zeroSlopeIsAConstantLevelInsideTheRange() {
        // y = 1.6, step 1: levels 1 (0.5) and 2 (1.5) reached, 3 (2.5) not
        Thresholds.Channel ch = Thresholds.solve(new ChannelFold(0, 1.6), 50, 3, 1.0);
        assertFalse(ch.negative());
        assertArrayEquals(new int[] {-50, -50, 51}, ch.thresholds());
    }

    @Test
    void thresholdsBeyondTheAccumulatorRangeAreClamped() {
        Thresholds.Channel ch = Thresholds.solve(new ChannelFold(1e-9, 0), 100, 3, 1.0);
        assertArrayEquals(new int[] {101, 101, 101}, ch.thresholds(), "never reached");
        Thresholds.Channel neg = Thresholds.solve(new ChannelFold(-1e-9, 5), 100, 3, 1.0);
        assertArrayEquals(new int[] {100, 100, 100}, neg.thresholds(), "always reached");
    }

    @Property(tries = 300, seed = "7")
    void thresholdsReproduceTheFoldForEveryAccumulator(@ForAll @DoubleRange(min = -0.3, max = 0.3) double slope,
                                                       @ForAll @DoubleRange(min = -3, max = 3) double offset,
                                                       @ForAll @IntRange(min = 1, max = 4) int bits,
                                                       @ForAll @IntRange(min = 0, max = 60) int bound) {
        int n = (1 << bits) - 1;
        double step = 2.0 / n;
        ChannelFold f = new ChannelFold(slope, offset);
        Thresholds.Channel ch = Thresholds.solve(f, bound, n, step);
        ThresholdActivation t = new ThresholdActivation(1, bits, ch.thresholds(), new boolean[] {ch.negative()});
        for (int acc = -bound; acc <= bound; acc++) {
            assertEquals(f.level(acc, n, step), t.level(0, acc), "acc " + acc);
        }
    }
}
