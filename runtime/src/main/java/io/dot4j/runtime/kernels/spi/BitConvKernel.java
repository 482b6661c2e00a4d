package io.dot4j.runtime.kernels.spi;

/**
 * The inner loop of the runtime's binary convolutions: a matrix product of packed weight words with bit grids by
 * AND and popcount ({@link BitConvProgram} says what exactly). The runtime carries a portable implementation; a
 * faster one (the {@code dot4j-runtime-vector} module, Java Vector API) is found with {@link java.util.ServiceLoader}
 * when its jar is on the class path and {@code jdk.incubator.vector} is resolvable. Every implementation must give
 * the same integers.
 */
public interface BitConvKernel {

    /** Whether this kernel runs well here (for example: 512-bit vectors present); unusable kernels are skipped. */
    boolean usable();

    /** A short name for logs and benchmarks ("portable", "vector-512"). */
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
}
