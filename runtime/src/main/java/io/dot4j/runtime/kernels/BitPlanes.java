package io.dot4j.runtime.kernels;

/**
 * Bit-vector helpers for the bit-serial kernels. A bit vector is a run of longs, bit i in long i/64 at
 * position i%64 (least significant first), the same order as packed weights.
 */
public final class BitPlanes {
    private BitPlanes() {
    }

    /**
     * ORs the {@code n} low bits of the bit vector {@code src[srcOff..]} into {@code dst[dstOff..]} starting at bit
     * {@code bitPos}. Bits of src past n must be 0 (they are, by construction of the per-pixel planes).
     */
    public static void append(long[] dst, int dstOff, int bitPos, long[] src, int srcOff, int n) {
        for (int j = 0; n > 0; j++, n -= 64, bitPos += 64) {
            long v = src[srcOff + j];
            int word = dstOff + (bitPos >>> 6);
            int shift = bitPos & 63;
            dst[word] |= v << shift;
            // the upper part spills into the next word only if the chunk crosses a word boundary
            if (shift != 0 && shift + Math.min(n, 64) > 64) {
                dst[word + 1] |= v >>> (64 - shift);
            }
        }
    }

    /** Number of set bits in x[off .. off+words). */
    public static int popcount(long[] x, int off, int words) {
        int s = 0;
        for (int j = 0; j < words; j++) {
            s += Long.bitCount(x[off + j]);
        }
        return s;
    }

    /** Number of bits set in both w[wOff..] and x[xOff..] over {@code words} longs. */
    public static int popcountAnd(long[] w, int wOff, long[] x, int xOff, int words) {
        int s = 0;
        for (int j = 0; j < words; j++) {
            s += Long.bitCount(w[wOff + j] & x[xOff + j]);
        }
        return s;
    }

    /**
     * The bit-serial identity for one ±1 weight plane and one activation bit-plane: with w_i = +1 where the weight
     * bit is 1 and -1 where it is 0, and x_i in {0,1}, sum_i w_i x_i = 2*popcount(w &amp; x) - popcount(x).
     * Positions where x is 0 (including padding) drop out of both counts.
     */
    public static int binaryDot(long[] w, int wOff, long[] x, int xOff, int words, int popX) {
        return 2 * popcountAnd(w, wOff, x, xOff, words) - popX;
    }
}
