package io.dot4j.runtime.analysis;

/**
 * A closed integer interval [min, max] that every value of some tensor, channel or partial sum is proven to lie in.
 *
 * @param min smallest value that can occur
 * @param max largest value that can occur, at least {@code min}
 */
public record ValueRange(long min, long max) {

    public ValueRange {
        if (min > max) {
            throw new IllegalArgumentException("range [" + min + ", " + max + "] is empty: expected min <= max");
        }
    }

    /** The single value {@code v}. */
    public static ValueRange of(long v) {
        return new ValueRange(v, v);
    }

    public boolean contains(long v) {
        return v >= min && v <= max;
    }

    public boolean contains(ValueRange r) {
        return r.min >= min && r.max <= max;
    }

    /** The smallest range holding both. */
    public ValueRange union(ValueRange r) {
        return new ValueRange(Math.min(min, r.min), Math.max(max, r.max));
    }

    /** This range stretched to include {@code v}. */
    public ValueRange including(long v) {
        return new ValueRange(Math.min(min, v), Math.max(max, v));
    }

    /**
     * Bits of the narrowest two's-complement integer holding every value: the least b &gt;= 1 with
     * -2^(b-1) &lt;= min and max &lt;= 2^(b-1) - 1 (so [0, 0] needs 1 bit, [-1, 0] 1, [0, 1] 2, [-128, 127] 8).
     */
    public int signedBits() {
        return Math.max(signedBits(min), signedBits(max));
    }

    /**
     * Bits of the narrowest unsigned integer holding every value (at least 1), for a range with {@code min >= 0}.
     *
     * @throws IllegalStateException if the range holds negative values
     */
    public int unsignedBits() {
        if (min < 0) {
            throw new IllegalStateException("range " + this + " holds negative values: use signedBits()");
        }
        return Math.max(1, 64 - Long.numberOfLeadingZeros(max));
    }

    private static int signedBits(long v) {
        return 65 - Long.numberOfLeadingZeros(v < 0 ? ~v : v);
    }

    @Override
    public String toString() {
        return "[" + min + ", " + max + "]";
    }
}
