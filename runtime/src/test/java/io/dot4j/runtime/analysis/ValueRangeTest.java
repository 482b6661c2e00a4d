package io.dot4j.runtime.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ValueRangeTest {

    @Test
    void signedBitsAreTheNarrowestTwosComplementWidth() {
        assertEquals(1, new ValueRange(0, 0).signedBits());
        assertEquals(1, new ValueRange(-1, 0).signedBits());
        assertEquals(2, new ValueRange(0, 1).signedBits());
        assertEquals(8, new ValueRange(-128, 127).signedBits());
        assertEquals(9, new ValueRange(-128, 128).signedBits());
        assertEquals(9, new ValueRange(-129, 0).signedBits());
        assertEquals(32, new ValueRange(Integer.MIN_VALUE, Integer.MAX_VALUE).signedBits());
        assertEquals(8, new ValueRange(0, 255).unsignedBits());
        assertEquals(1, new ValueRange(0, 0).unsignedBits());
        assertThrows(IllegalStateException.class, () -> new ValueRange(-1, 3).unsignedBits());
        assertThrows(IllegalArgumentException.class, () -> new ValueRange(2, 1));
    }

    @Property(tries = 2000, seed = "7")
    void signedBitsHoldBothEndsAndOneBitLessDoesNot(@ForAll int a, @ForAll int b) {
        ValueRange r = new ValueRange(Math.min(a, b), Math.max(a, b));
        int bits = r.signedBits();
        long half = 1L << (bits - 1);
        assertTrue(r.min() >= -half && r.max() < half);
        if (bits > 1) {
            long smaller = half >> 1;
            assertTrue(r.min() < -smaller || r.max() >= smaller, r + " fits " + (bits - 1) + " bits");
        }
    }
}
