package io.dot4j.runtime.kernels;

/**
 * One operation of a compiled {@link PlanarPlan}: a stage's method and the buffers it reads and writes, covering the
 * layers {@code [first, last]} (several when fusions merged them). The plan decides these once, when the model is
 * loaded, and every image runs the same list.
 */
final class PlanOperation {
    /** What runs; the names say which method of which stage. */
    enum Kind {
        /** The input pixels widened to ints (the start of an unfused run). */
        WIDEN,
        /** The first binary convolution thresholds and packs the pixels itself (its input thresholds fused). */
        PIXELS_PACKED,
        /** {@link #PIXELS_PACKED} with its output thresholds and the global sum pool after them fused. */
        PIXELS_PACKED_SUMMED,
        /** A binary convolution applying the channel-last thresholds before it as it packs its grid. */
        PACKED,
        /** {@link #PACKED} with its output thresholds and the global sum pool after them fused. */
        PACKED_SUMMED,
        /** A binary convolution with its thresholds and the global sum pool after them (maybe read through a pool). */
        SUMMED,
        /** A convolution writing the levels of the thresholds after it (maybe read through a pool). */
        THRESHOLDED,
        /** A stage reading its input through the 2x2 max pool before it. */
        POOLED,
        /** One stage on its own. */
        PLAIN
    }

    final Kind kind;
    /** The stage whose method runs, the buffer holding the result, a work buffer (summed kinds), or -1. */
    final int stage, out, work;
    /** Whether a packing convolution also applies its output thresholds. */
    final boolean outThreshold;
    /** Row and column strides of the pool read through (0: none). */
    final int prs, pcs;
    /** The layers this operation computes, inclusive. */
    final int first, last;

    PlanOperation(Kind kind, int stage, int out, int work, boolean outThreshold, int prs, int pcs, int first, int last) {
        this.kind = kind;
        this.stage = stage;
        this.out = out;
        this.work = work;
        this.outThreshold = outThreshold;
        this.prs = prs;
        this.pcs = pcs;
        this.first = first;
        this.last = last;
    }
}
