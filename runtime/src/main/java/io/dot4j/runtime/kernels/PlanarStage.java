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
}
