package io.dot4j.runtime.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FixedLog2Test {

    private static double exact(long e) {
        return 256 * (Math.log1p((double) e) / Math.log(2));
    }

    @Test
    void powersOfTwoAreExact() {
        assertEquals(0, FixedLog2.log2q8(0));
        for (int b = 0; b < 62; b++) {
            assertEquals(256 * b, FixedLog2.log2q8((1L << b) - 1), "2^" + b);
        }
    }

    @Test
    void errsByLessThanFourQ8UnitsOnEverySmallValue() {
        int prev = -1;
        for (long e = 0; e < 300_000; e++) {
            int l = FixedLog2.log2q8(e);
            assertTrue(Math.abs(l - exact(e)) < 4, e + ": " + l + " vs " + exact(e));
            assertTrue(l >= prev, "not monotone at " + e);
            prev = l;
        }
    }

    @Property(tries = 2000)
    void errsByLessThanFourQ8UnitsEverywhere(@ForAll @LongRange(min = 0, max = (1L << 62) - 1) long e) {
        int l = FixedLog2.log2q8(e);
        assertTrue(Math.abs(l - exact(e)) < 4, e + ": " + l + " vs " + exact(e));
        assertTrue(l >= 0 && l <= 16_127);
    }

    @Property(tries = 1000)
    void isMonotone(@ForAll @LongRange(min = 0, max = (1L << 61) - 1) long a, @ForAll @LongRange(min = 0, max = (1L << 61) - 1) long d) {
        assertTrue(FixedLog2.log2q8(a) <= FixedLog2.log2q8(a + d));
    }

    @Test
    void rejectsValuesOutsideTheRange() {
        assertThrows(IllegalArgumentException.class, () -> FixedLog2.log2q8(-1));
        assertThrows(IllegalArgumentException.class, () -> FixedLog2.log2q8(1L << 62));
    }
}
