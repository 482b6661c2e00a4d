package io.dot4j.runtime.kernels.baseline;

/** One compiled layer: reads its input buffer, returns a fresh output buffer (channel-last ints). */
abstract class Step {
    /** Per-thread scratch memory for this step (or null if it needs none). */
    Object newScratch() {
        return null;
    }

    abstract int[] apply(int[] in, Object scratch);
}
