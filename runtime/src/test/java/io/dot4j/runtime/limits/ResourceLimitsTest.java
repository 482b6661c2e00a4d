package io.dot4j.runtime.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ResourceLimitsTest {

    @Test
    void theMessageNamesTheFileTheFieldAndBothNumbers() {
        ResourceLimits limits = new ResourceLimits(1000, 1 << 20, 1 << 20);
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> limits.check(new Footprint(1001, 0, 0), "recipe.json", "layers[0]"));
        assertEquals("recipe.json: layers[0]: the network needs 1,001 parameters, more than the limit of 1,000 (raise it with"
                + " -Ddot4j.limit.params=N)", e.getMessage());
        assertEquals(1001, e.actual());
        assertEquals(1000, e.limit());
        e = assertThrows(LimitExceededException.class, () -> limits.check(new Footprint(0, 0, 1L << 21), "m.dot4j", "engine"));
        assertEquals(1L << 21, e.actual());
        limits.check(new Footprint(1000, 1 << 20, 1 << 20), "ok.json", "layers"); // at the limit passes
    }

    @Test
    void systemPropertiesOverrideTheDefaults() {
        assertEquals(ResourceLimits.defaults(), withProperty(null));
        assertEquals(12_345, withProperty("12_345").parameters());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withProperty("lots"));
        assertEquals("-Ddot4j.limit.params: expected a positive whole number, actual \"lots\"", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> withProperty("0"));
    }

    private static ResourceLimits withProperty(String value) {
        String old = System.getProperty(ResourceLimits.PARAMETERS_PROPERTY);
        try {
            if (value == null) {
                System.clearProperty(ResourceLimits.PARAMETERS_PROPERTY);
            } else {
                System.setProperty(ResourceLimits.PARAMETERS_PROPERTY, value);
            }
            return ResourceLimits.current();
        } finally {
            if (old == null) {
                System.clearProperty(ResourceLimits.PARAMETERS_PROPERTY);
            } else {
                System.setProperty(ResourceLimits.PARAMETERS_PROPERTY, old);
            }
        }
    }

    @Test
    void footprintArithmeticSaturatesInsteadOfOverflowing() {
        assertEquals(Long.MAX_VALUE, Footprint.times(32_768, 65_025, 1L << 40, 1L << 20));
        assertEquals(0, Footprint.times(1L << 62, 0, 1L << 62));
        assertEquals(Long.MAX_VALUE, Footprint.add(Long.MAX_VALUE - 1, 5));
        assertEquals(Long.MAX_VALUE, new Footprint(Long.MAX_VALUE, 1, 1).plus(new Footprint(1, 1, 1)).parameters());
    }
}
