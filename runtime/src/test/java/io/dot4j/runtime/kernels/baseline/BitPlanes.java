package io.dot4j.runtime.kernels.baseline;

/**
 * Bit-vector helpers for the bit-serial kernels. A bit vector is a run of longs, bit i in long i/64 at
 * position i%64 (least significant first), the same order as packed weights.
 */
public final class BitPlanes {
    private BitPlanes() {
    }

    /**
     * ORs {@code n} bits of the bit vector {@code src[srcOff..]}, starting at its bit {@code srcBit}, into
     * {@code dst[dstOff..]} starting at bit {@code dstBit}. Moves up to 64 bits per step; reads and writes no long
     * beyond the ones that hold those bits.
     */
    public static void copyBits(long[] dst, int dstOff, int dstBit, long[] src, int srcOff, int srcBit, int n) {
        while (n > 0) {
            int take = Math.min(64, n);
            int sw = srcOff + (srcBit >>> 6), ss = srcBit & 63;
            long v = src[sw] >>> ss;
            if (ss != 0 && ss + take > 64) {
                v |= src[sw + 1] << (64 - ss);
            }
            if (take < 64) {
                v &= (1L << take) - 1;
            }
            int dw = dstOff + (dstBit >>> 6), ds = dstBit & 63;
            dst[dw] |= v << ds;
            if (ds != 0 && ds + take > 64) {
                dst[dw + 1] |= v >>> (64 - ds);
            }
            n -= take;
            srcBit += take;
            dstBit += take;
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
