package io.dot4j.runtime.kernels;

/**
 * One layer of the planar engine: reads its input buffer (addressed by {@link #in}), writes its preallocated
 * output buffer (addressed by {@link #out}); nothing is allocated per image.
 */
abstract class PlanarStage {
    final Layout in;
    Layout out;

    PlanarStage(Layout in) {
        this.in = in;
    }

    /** Length of the output buffer. */
    abstract int outLength();

    /** Per-thread scratch memory (or null). */
    Object newScratch() {
        return null;
    }

    abstract void run(int[] src, int[] dst, Object scratch);

    /** Lets this stage's work on {@code scratch}'s thread be shared with {@code helper} (null: not any more). */
    void attachHelper(Object scratch, TileHelper helper) {
    }

    /**
     * A stage that can read its input through a 2x2 max pool: a pool keeps its input's grid (output element i sits
     * at the index of its window's first element), so the pool's input buffer, read at the same indices with the
     * window maximum, is the pool's output, and the pool stage itself can be skipped when no trace is taken.
     */
    interface PoolFusable {
        void run(int[] src, int[] dst, Object scratch, int prs, int pcs);
    }

    /**
     * A stage that can apply the following threshold layer itself while it writes its output (levels instead of
     * accumulators, in the same layout), so that the threshold stage is skipped when no trace is taken.
     */
    interface ThresholdFusable {
        boolean fusesThreshold();

        /** Like {@link PoolFusable#run} (prs = pcs = 0: no pool), writing the thresholded levels to {@code dst}. */
        void runThresholded(int[] src, int[] dst, Object scratch, int prs, int pcs);
    }
}
