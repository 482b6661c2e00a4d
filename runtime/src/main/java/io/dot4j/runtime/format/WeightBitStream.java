package io.dot4j.runtime.format;

import io.dot4j.runtime.ir.Weights;

/**
 * The version-3 file encoding of 1- and 2-bit weights: every plane of every row ({@link Weights#packedCopy()}
 * order: row by row, h plane then l plane) laid end to end as exactly {@code cols} bits, in one little-endian bit
 * stream (stream bit k is bit k mod 8 of byte k/8), zero-padded to a whole byte at the end only.
 */
final class WeightBitStream {
    private WeightBitStream() {
    }

    /** Bytes the stream of {@code planes} planes of {@code cols} bits takes: ceil(planes·cols/8). */
    static long bytes(long planes, long cols) {
        return (planes * cols + 7) >>> 3;
    }

    /** The stream of a packed weight matrix (1 or 2 bits). */
    static byte[] pack(Weights w) {
        long[] words = w.packedCopy();
        int planes = w.rows() * w.bits(), cols = w.cols(), wpr = w.wordsPerRow();
        byte[] out = new byte[(int) bytes(planes, cols)];
        for (int p = 0; p < planes; p++) {
            long base = (long) p * cols;
            for (int k = 0; k < wpr; k++) {
                // bits past cols in the last word are 0 (Weights guarantees it), so OR-ing whole words is exact
                orWord(out, base + 64L * k, words[p * wpr + k]);
            }
        }
        return out;
    }

    private static void orWord(byte[] out, long bitOffset, long word) {
        int at = (int) (bitOffset >>> 3), shift = (int) (bitOffset & 7);
        long lo = word << shift;
        for (int i = 0; i < 8 && at + i < out.length; i++) {
            out[at + i] |= (byte) (lo >>> (8 * i));
        }
        if (shift != 0 && at + 8 < out.length) {
            out[at + 8] |= (byte) (word >>> (64 - shift));
        }
    }

    /**
     * Unpacks {@code planes} planes of {@code cols} bits from {@code src[from .. from + bytes(planes, cols))} into
     * words as {@link Weights} holds them: plane p at {@code p·ceil(cols/64)}, bits past {@code cols} zero. The
     * caller has checked that the range lies inside {@code src} and that the result fits in memory.
     */
    static long[] unpack(byte[] src, int from, int planes, int cols) {
        int wpr = Weights.wordsFor(cols);
        int end = from + (int) bytes(planes, cols);
        long[] words = new long[planes * wpr];
        for (int p = 0; p < planes; p++) {
            long base = (long) p * cols;
            for (int k = 0; k < wpr; k++) {
                int n = (int) Math.min(64, cols - 64L * k);
                long v = wordAt(src, from, end, base + 64L * k);
                words[p * wpr + k] = n == 64 ? v : v & ((1L << n) - 1);
            }
        }
        return words;
    }

    /** The 64 stream bits starting at {@code bitOffset}; bytes at or past {@code end} read as 0. */
    private static long wordAt(byte[] src, int from, int end, long bitOffset) {
        int at = from + (int) (bitOffset >>> 3), shift = (int) (bitOffset & 7);
        long lo = 0;
        for (int i = 0; i < 8 && at + i < end; i++) {
            lo |= (src[at + i] & 0xFFL) << (8 * i);
        }
        long v = lo >>> shift;
        if (shift != 0 && at + 8 < end) {
            v |= (src[at + 8] & 0xFFL) << (64 - shift);
        }
        return v;
    }
}
