package io.dot4j.runtime.kernels.baseline;

/** Sum of each channel's levels over all positions. */
final class GlobalSumStep extends Step {
    private final int c;

    GlobalSumStep(int c) {
        this.c = c;
    }

    @Override
    int[] apply(int[] in, Object scratch) {
        int[] out = new int[c];
        for (int i = 0; i < in.length; i += c) {
            for (int ch = 0; ch < c; ch++) {
                out[ch] += in[i + ch];
            }
        }
        return out;
    }
}
