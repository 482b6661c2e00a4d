package io.dot4j.runtime.kernels;

import io.dot4j.runtime.kernels.spi.BitConvKernel;
import io.dot4j.runtime.kernels.spi.BitConvProgram;

/** One program's tile range on whichever thread runs it; reused, so a split allocates nothing. */
final class TileRangeRun implements TileHelper.Task {
    private final BitConvKernel kernel;
    private final int[] rowSums;
    BitConvProgram prog;
    long[] grid;
    long[] x;
    int[] dst;

    TileRangeRun(BitConvKernel kernel, int[] rowSums) {
        this.kernel = kernel;
        this.rowSums = rowSums;
    }

    @Override
    public void run(int from, int to) {
        kernel.runTiles(prog, grid, x, dst, 0, from, to, rowSums);
    }
}
