package io.dot4j.codegen.verilog;

import java.math.BigInteger;

/** Small pieces of Verilog text with exact widths, so that the generated code lints clean under {@code -Wall}. */
final class VerilogText {
    private VerilogText() {
    }

    /** Bits to count 0..n-1 (at least 1). */
    static int indexBits(long n) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(0, n - 1)));
    }

    /** Bits of an unsigned value (at least 1). */
    static int unsignedBits(long max) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(max));
    }

    /** A sized literal; negative values in two's complement at {@code width} bits. */
    static String lit(int width, long value) {
        if (value >= 0) {
            return width + "'d" + value;
        }
        BigInteger v = BigInteger.valueOf(value).add(BigInteger.ONE.shiftLeft(width));
        return width + "'h" + v.toString(16);
    }

    /** {@code expr} of {@code from} bits zero-extended to {@code to} bits. */
    static String zext(String expr, int from, int to) {
        if (to < from) {
            throw new IllegalStateException("cannot extend " + from + " bits to " + to);
        }
        return to == from ? expr : "{" + (to - from) + "'d0, " + expr + "}";
    }

    /** {@code expr} of {@code from} bits shifted left by {@code shift} and zero-extended to {@code to} bits. */
    static String shifted(String expr, int from, int shift, int to) {
        String s = shift == 0 ? expr : "{" + expr + ", " + shift + "'d0}";
        return zext(s, from + shift, to);
    }

    /** Slice {@code [lo +: width]} of a vector. */
    static String slice(String vector, int lo, int width) {
        return width == 1 ? vector + "[" + lo + "]" : vector + "[" + lo + " +: " + width + "]";
    }
}
