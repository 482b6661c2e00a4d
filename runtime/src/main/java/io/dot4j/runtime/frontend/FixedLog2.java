package io.dot4j.runtime.frontend;

/**
 * log2 in Q8 (256 per octave of power) of a non-negative 64-bit integer, in integers only.
 *
 * <p>For v = E + 1 (so 0 maps to 0): e = index of the highest set bit of v (0..62); the mantissa's top 8 bits below
 * it are m = (v &gt;&gt; (e - 8)) &amp; 255 when e &gt;= 8, else (v &lt;&lt; (8 - e)) &amp; 255 (exact). With x = m / 256,
 * log2(1 + x) is approximated by x + c x (1 - x), c = {@link #CURVE} / 256, which in Q8 is
 * <pre>
 *   log2q8(E) = 256 e + m + ((m * (256 - m) * CURVE + 2^15) &gt;&gt; 16)
 * </pre>
 * (all terms below 2^24). The result is 0..16,127 (14 bits). Against the exact 256 log2(E + 1) the curve errs by at
 * most 2.5 Q8 units at the mantissa points and truncating the mantissa adds less than 1.5 (256 / ln 2 per unit of x):
 * below 4 / 256 of an octave of power, 0.05 dB.
 */
public final class FixedLog2 {

    /** 256 c of the mantissa curve (c = 0.34375: 88 and 89 give the smallest largest error, 2.5). */
    public static final int CURVE = 88;

    private FixedLog2() {
    }

    /** log2(e + 1) in Q8; e must be 0..2^62 - 1. */
    public static int log2q8(long e) {
        if (e < 0 || e >= 1L << 62) {
            throw new IllegalArgumentException("log2 of " + e + ", expected 0..2^62-1");
        }
        long v = e + 1;
        int top = 63 - Long.numberOfLeadingZeros(v);
        int m = (int) ((top >= 8 ? v >> (top - 8) : v << (8 - top)) & 255);
        return (top << 8) + m + ((m * (256 - m) * CURVE + (1 << 15)) >> 16);
    }
}
