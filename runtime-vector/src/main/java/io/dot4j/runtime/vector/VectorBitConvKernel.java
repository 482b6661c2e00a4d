package io.dot4j.runtime.vector;

import io.dot4j.runtime.kernels.spi.BitConvKernel;
import io.dot4j.runtime.kernels.spi.BitConvProgram;

/**
 * The runtime's binary-convolution kernel on the Java Vector API, at the machine's width ({@link VectorWidth}: 512,
 * 256 or 128 bits). Each lane of a long vector is one position (one 64-bit grid word); a register tile of
 * {@link BitConvProgram#TILE} = 4 output rows by 2 vectors (4 vectors where the CPU has 32 vector registers) makes
 * every grid load serve four rows and every broadcast weight word several vectors ({@link PopcountTiles}). Nothing is
 * reduced across lanes. The sums are stored narrowed to ints, then a second vectorized pass per row (scale, window-sum
 * correction, thresholds: {@link ThresholdEpilogue}) finishes them while they are in L1. The fusions that pack levels
 * are in {@link LevelPacking} and {@link ShortConvolutions}. Every width takes the same programs and channel counts,
 * so the runtime plans a model the same way at every width. Allocation-free once compiled at the machine's width.
 *
 * <p>Bit counts use the JDK's own {@code BIT_COUNT} lowering (a vector popcount instruction with AVX-512 VPOPCNTDQ, a
 * byte-table sequence on AVX2): measured faster on AVX2 than a nibble table or Harley-Seal written with the Vector
 * API (PopcountForms in the test sources compares them).
 */
public final class VectorBitConvKernel implements BitConvKernel {
    /** Positions per row are padded to this at every width (a multiple of 2V and of the int lanes at 512 bits). */
    private static final int POSITIONS = 16;
    private static final int V = PopcountTiles.V;

    /** Usable wherever the JVM has 128-bit vectors or wider (the width is then {@link VectorWidth#BITS}). */
    @Override
    public boolean usable() {
        return VectorWidth.preferredBits() >= 128;
    }

    /** Measured no different from a separate threshold pass (within the noise); it saves that pass's memory traffic. */
    @Override
    public boolean fusesThresholds() {
        return true;
    }

    @Override
    public boolean sumsLevels() {
        return true;
    }

    @Override
    public String name() {
        return VectorWidth.kernelName();
    }

    @Override
    public int positionMultiple() {
        return POSITIONS;
    }

    @Override
    public void run(BitConvProgram p, long[] grid, long[] x, int[] dst, int dstOffset) {
        int[] sums = ThresholdEpilogue.scratch(p)[1];
        runTiles(p, grid, x, dst, dstOffset, 0, p.tiles(), sums);
        if (p.sumMask != null) {
            System.arraycopy(sums, 0, dst, dstOffset, p.rows);
        }
    }

    @Override
    public boolean splitsTiles() {
        return true;
    }

    @Override
    public void runTiles(BitConvProgram p, long[] grid, long[] x, int[] dst, int dstOffset, int tileFrom, int tileTo,
                         int[] sums) {
        if (p.positions % POSITIONS != 0) {
            throw new IllegalArgumentException("positions = " + p.positions + ", expected a multiple of " + POSITIONS);
        }
        p.checkTiles(tileFrom, tileTo);
        if (p.sumMask != null && (sums == null || sums.length < p.rows)) {
            throw new IllegalArgumentException("rowSums: expected at least " + p.rows + " ints for a summed program");
        }
        int[] fx = p.f == 0 ? null : ThresholdEpilogue.scaledX(p, x, ThresholdEpilogue.scratch(p)[0]);
        for (int t = tileFrom; t < tileTo; t++) {
            int pos = 0;
            if (p.rows == 1) { // the window sums: one row, so no tile of four rows (3/4 of its work would be padding)
                for (; pos + 4 * V <= p.positions; pos += 4 * V) {
                    PopcountTiles.row4(p, grid, dst, dstOffset, pos);
                }
            }
            if (VectorWidth.WIDE_TILE) {
                for (; pos + 4 * V <= p.positions; pos += 4 * V) {
                    PopcountTiles.tile44(p, grid, dst, dstOffset, t, pos);
                }
            }
            for (; pos < p.positions; pos += 2 * V) {
                PopcountTiles.tile(p, grid, dst, dstOffset, t, pos);
            }
            int r0 = t * BitConvProgram.TILE;
            for (int r = r0; r < Math.min(p.rows, r0 + BitConvProgram.TILE); r++) {
                ThresholdEpilogue.epilogue(p, fx, dst, dstOffset + r * p.rowStride, r, sums);
            }
        }
    }

    @Override
    public boolean packsThresholds(int channels, int levels) {
        return channels % 16 == 0 && channels <= 64 && (levels == 1 || levels == 3);
    }

    @Override
    public void thresholdPack(int[] src, int si, int channels, int[] keyMask, int[] keys, int keyStride, int c0,
                              int levels, long[] out) {
        LevelPacking.thresholdPack(src, si, channels, keyMask, keys, keyStride, c0, levels, out);
    }

    @Override
    public void thresholdPack(byte[] src, int si, int channels, int[] keyMask, int[] keys, int keyStride, int c0,
                              int levels, long[] out) {
        LevelPacking.thresholdPack(src, si, channels, keyMask, keys, keyStride, c0, levels, out);
    }

    @Override
    public boolean packsPixelRows(int channels, int levels) {
        return channels <= 64 && (levels == 1 || levels == 3);
    }

    @Override
    public void packPixelRow(byte[] src, int si, int count, int channels, byte[] lo, byte[] hi, int levels, long[] out,
                             int o, int plane) {
        LevelPacking.packPixelRow(src, si, count, channels, lo, hi, levels, out, o, plane);
    }

    @Override
    public boolean packsPooled(int channels, int bits) {
        return channels <= 32 && bits <= 2;
    }

    @Override
    public void poolPack(int[] src, int si, int ps, int prs, int count, int channels, int bits, int[] out, int o,
                         int outPlane) {
        LevelPacking.poolPack(src, si, ps, prs, count, channels, bits, out, o, outPlane);
    }

    @Override
    public boolean convolvesShorts() {
        return true;
    }

    @Override
    public void shortConv(short[] grid, int[] off, short[] w, int taps, int rows, int from, int to, int levels,
                          short[] keyMask, short[] key, int[] dst, int rowStride) {
        ShortConvolutions.shortConv(grid, off, w, taps, rows, from, to, levels, keyMask, key, dst, rowStride);
    }

    @Override
    public void shortConvSigns(short[] grid, int[] xOff, int xTaps, int[] termOff, int[] termStart, short[] sign,
                               int rows, int from, int to, int levels, short[] keyMask, short[] key, int[] dst,
                               int rowStride, short[] xScratch) {
        ShortConvolutions.shortConvSigns(grid, xOff, xTaps, termOff, termStart, sign, rows, from, to, levels, keyMask,
                key, dst, rowStride, xScratch);
    }
}
