package io.dot4j.runtime.kernels.spi;

/**
 * The inner loop of the runtime's binary convolutions: a matrix product of packed weight words with bit grids by
 * AND and popcount ({@link BitConvProgram} says what exactly). The runtime carries a portable implementation; a
 * faster one (the {@code dot4j-runtime-vector} module, Java Vector API) is found with {@link java.util.ServiceLoader}
 * when its jar is on the class path and {@code jdk.incubator.vector} is resolvable. Every implementation must give
 * the same integers.
 */
public interface BitConvKernel {

    /** Whether this kernel runs well here (for example: the JVM has 128-bit vectors or more); unusable ones are skipped. */
    boolean usable();

    /** A short name for logs and benchmarks ("portable", "vector-512", "vector-256", "vector-128"). */
    String name();

    /** Positions per row must be a multiple of this (the caller pads its grids and buffers to it). */
    int positionMultiple();

    /**
     * Runs {@code program} on one image: reads {@code grid} (at least {@code off[s] + positions} longs for every
     * slot s) and {@code x} ({@code positions} longs, the window sums; unread when {@code f == 0}), writes
     * {@code dst[dstOffset + r * rowStride + p]} for every row r and position p. Must not allocate.
     */
    void run(BitConvProgram program, long[] grid, long[] x, int[] dst, int dstOffset);

    /**
     * {@link #run} for the row tiles {@code [tileFrom, tileTo)} of the program only (rows {@code tileFrom * TILE} up
     * to {@code min(rows, tileTo * TILE)}), writing nothing else: two threads may run disjoint tile ranges of one
     * program at once, into the same {@code dst}. A program with a {@link BitConvProgram#sumMask} leaves its rows'
     * level sums in {@code rowSums[r]} (not in {@code dst}, where they would overlap row 0 of another range); the
     * caller copies them once every range is done. Only called when {@link #splitsTiles} said yes; must not allocate.
     */
    default void runTiles(BitConvProgram program, long[] grid, long[] x, int[] dst, int dstOffset, int tileFrom, int tileTo,
                          int[] rowSums) {
        throw new UnsupportedOperationException(name() + " does not run tile ranges");
    }

    /** Whether {@link #runTiles} is implemented (so the runtime may split one image's convolution across threads). */
    default boolean splitsTiles() {
        return false;
    }

    /**
     * Whether the runtime should hand this kernel the following threshold layer as part of the program (levels out)
     * rather than run it as a layer of its own. The portable kernel says no: its in-place count per row measured
     * 20-30 % slower than the separate threshold pass.
     */
    default boolean fusesThresholds() {
        return false;
    }

    /**
     * Whether this kernel runs programs with a {@link BitConvProgram#sumMask} (levels summed per row, the following
     * global sum pool fused in); the portable kernel does not (it fuses no thresholds either).
     */
    default boolean sumsLevels() {
        return false;
    }

    /** Whether this kernel has {@link #shortConv} (the portable kernel has not: the runtime then uses int loops). */
    default boolean convolvesShorts() {
        return false;
    }

    /**
     * A small convolution with its thresholds, in 16-bit arithmetic (for a first layer on pixels): for every row
     * r &lt; rows and position p in [from, to) (both multiples of 32)
     * <pre>
     *   v = sum over t &lt; taps of w[r * taps + t] * grid[off[t] + p]
     *   dst[r * rowStride + p] = the number of i &lt; levels with (v ^ keyMask[r]) &gt;= key[r * levels + i]
     * </pre>
     * The caller guarantees that every partial sum, and every threshold, fits a short (so the short arithmetic is
     * exact) and that the grid holds {@code off[t] + to} values for every t. Only called when
     * {@link #convolvesShorts} said yes; must not allocate.
     */
    default void shortConv(short[] grid, int[] off, short[] w, int taps, int rows, int from, int to, int levels,
                           short[] keyMask, short[] key, int[] dst, int rowStride) {
        throw new UnsupportedOperationException(name() + " does not convolve shorts");
    }

    /**
     * {@link #shortConv} for weights of +-1 written as sums: for row r, S = the sum of {@code grid[termOff[j] + p]} over
     * j in [termStart[r], termStart[r + 1]) (the taps of one sign), X = the sum of {@code grid[xOff[t] + p]} over
     * t &lt; xTaps (all taps, the same for every row), and v = sign[r] * (2*S - X); then the levels as in
     * {@link #shortConv}. {@code xScratch} (at least {@code to} shorts) holds X. Only called when
     * {@link #convolvesShorts} said yes; must not allocate.
     */
    default void shortConvSigns(short[] grid, int[] xOff, int xTaps, int[] termOff, int[] termStart, short[] sign,
                                int rows, int from, int to, int levels, short[] keyMask, short[] key, int[] dst,
                                int rowStride, short[] xScratch) {
        throw new UnsupportedOperationException(name() + " does not convolve shorts");
    }

    /**
     * Whether {@link #thresholdPack} handles {@code channels} channels (at most 64) under {@code levels} thresholds
     * each; the portable kernel handles none (the runtime then runs the thresholds as a layer of their own).
     */
    default boolean packsThresholds(int channels, int levels) {
        return false;
    }

    /**
     * The levels of {@code channels} channel-last accumulators {@code src[si + c]} under per-channel thresholds, as bit
     * planes: bit c of {@code out[b]} is bit b of channel c's level, the level being the number of i &lt; levels with
     * {@code (src[si + c] ^ keyMask[c0 + c]) >= keys[i * keyStride + c0 + c]} (thresholds flipped and clamped as in
     * {@link BitConvProgram}, ascending in i for every channel). Only called when {@link #packsThresholds} said yes;
     * must not allocate.
     */
    default void thresholdPack(int[] src, int si, int channels, int[] keyMask, int[] keys, int keyStride, int c0,
                               int levels, long[] out) {
        throw new UnsupportedOperationException(name() + " does not pack thresholds");
    }

    /** {@link #thresholdPack} of unsigned 8-bit values (pixels), so the model input needs no widening to ints first. */
    default void thresholdPack(byte[] src, int si, int channels, int[] keyMask, int[] keys, int keyStride, int c0,
                               int levels, long[] out) {
        throw new UnsupportedOperationException(name() + " does not pack thresholds");
    }

    /** Whether {@link #packPixelRow} handles {@code channels} (at most 64) channels under {@code levels} thresholds. */
    default boolean packsPixelRows(int channels, int levels) {
        return false;
    }

    /**
     * Thresholds and packs {@code count} consecutive channel-last pixels of unsigned bytes (channel c of pixel i at
     * {@code src[si + i * channels + c]}): a value v of channel c passes threshold t iff
     * {@code lo[t * channels + c] <= v <= hi[t * channels + c]} (unsigned), the thresholds nested (passing one implies
     * passing those before it), and the level is the number passed; bit c of {@code out[o + i]} is bit 0 of channel
     * c's level and, for 3 thresholds, bit c of {@code out[o + plane + i]} its bit 1. Only called when
     * {@link #packsPixelRows} said yes; must not allocate.
     */
    default void packPixelRow(byte[] src, int si, int count, int channels, byte[] lo, byte[] hi, int levels, long[] out,
                              int o, int plane) {
        throw new UnsupportedOperationException(name() + " does not pack pixel rows");
    }

    /** Whether {@link #poolPack} handles {@code channels} (at most 32) channels of {@code bits}-bit levels. */
    default boolean packsPooled(int channels, int bits) {
        return false;
    }

    /**
     * One row of a 2x2, stride-2 max pool of planar levels, packed: for pixel i &lt; count the window is
     * {@code src[si + ch*ps + 2i + {0, 1, prs, prs + 1}]}; bit ch of {@code out[o + b*outPlane + i]} is bit b of the
     * window maximum of channel ch. Reads only within {@code src} (values outside the windows do not change the result);
     * only called when {@link #packsPooled} said yes; must not allocate.
     */
    default void poolPack(int[] src, int si, int ps, int prs, int count, int channels, int bits, int[] out, int o,
                          int outPlane) {
        throw new UnsupportedOperationException(name() + " does not pack pooled levels");
    }
}
