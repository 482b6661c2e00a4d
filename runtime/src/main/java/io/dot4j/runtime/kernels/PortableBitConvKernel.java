package io.dot4j.runtime.kernels;

import io.dot4j.runtime.kernels.spi.BitConvKernel;
import io.dot4j.runtime.kernels.spi.BitConvProgram;

/**
 * The plain-Java {@link BitConvKernel}: one row at a time, four slots per pass along all positions (loops that C2's
 * SuperWord turns into vector popcounts, see {@link VectorLoops}), the row kept in the destination as an int
 * accumulator; then the window-sum correction and the thresholds, each one more vectorized pass.
 */
final class PortableBitConvKernel implements BitConvKernel {
    static final PortableBitConvKernel INSTANCE = new PortableBitConvKernel();

    private PortableBitConvKernel() {
    }

    @Override
    public boolean usable() {
        return true;
    }

    @Override
    public String name() {
        return "portable";
    }

    @Override
    public int positionMultiple() {
        return 1;
    }

    @Override
    public void run(BitConvProgram p, long[] grid, long[] x, int[] dst, int dstOffset) {
        runTiles(p, grid, x, dst, dstOffset, 0, p.tiles(), null);
    }

    @Override
    public boolean splitsTiles() {
        return true;
    }

    @Override
    public void runTiles(BitConvProgram p, long[] grid, long[] x, int[] dst, int dstOffset, int tileFrom, int tileTo,
                         int[] rowSums) {
        p.checkTiles(tileFrom, tileTo);
        int n = p.positions, slots = p.slots;
        int[] off = p.off, sh = p.slotShift;
        long[] w = p.rowMajor;
        for (int r = tileFrom * BitConvProgram.TILE, end = Math.min(p.rows, tileTo * BitConvProgram.TILE); r < end; r++) {
            int a = dstOffset + r * p.rowStride, wr = r * slots, s = 0;
            if (slots >= 4) {
                VectorLoops.popSet4(dst, a, grid, off[0], off[1], off[2], off[3], w[wr], w[wr + 1], w[wr + 2], w[wr + 3],
                        sh[0], sh[1], sh[2], sh[3], n);
                s = 4;
            } else {
                java.util.Arrays.fill(dst, a, a + n, 0);
            }
            for (; s + 4 <= slots; s += 4) {
                VectorLoops.pop4(dst, a, grid, off[s], off[s + 1], off[s + 2], off[s + 3], w[wr + s], w[wr + s + 1],
                        w[wr + s + 2], w[wr + s + 3], sh[s], sh[s + 1], sh[s + 2], sh[s + 3], n);
            }
            switch (slots - s) {
                case 3 -> VectorLoops.pop3(dst, a, grid, off[s], off[s + 1], off[s + 2], w[wr + s], w[wr + s + 1],
                        w[wr + s + 2], sh[s], sh[s + 1], sh[s + 2], n);
                case 2 -> VectorLoops.pop2(dst, a, grid, off[s], off[s + 1], w[wr + s], w[wr + s + 1], sh[s], sh[s + 1], n);
                case 1 -> VectorLoops.pop1(dst, a, grid, off[s], w[wr + s], sh[s], n);
                default -> { }
            }
            if (p.scale != 1) {
                VectorLoops.scale(dst, a, p.scale, n);
            }
            if (p.f != 0) {
                VectorLoops.subtract(dst, a, x, 0, p.f, n);
            }
            if (p.levels > 0) {
                int m = p.keyMask[r], t = r * p.levels;
                int[] k = p.key;
                if (p.levels == 3) {
                    VectorLoops.count3(dst, dst, a, n, m, k[t], k[t + 1], k[t + 2]);
                } else {
                    VectorLoops.countLevels(dst, a, n, m, k, t, p.levels);
                }
            }
        }
    }
}
