package io.dot4j.runtime.kernels;

/**
 * Dense layer: the input gathered into channel-last order (unless it already is), then one vectorized int dot
 * product per output with the weights widened to int rows.
 */
final class PlanarDense extends PlanarStage {
    private final int outF, inF;
    private final int[] w, bias;

    PlanarDense(Layout in, int outF, int[] weights, int[] bias) {
        super(in);
        this.outF = outF;
        this.inF = in.c * in.h * in.w;
        this.w = weights;
        this.bias = bias;
        this.out = Layout.channelLast(outF, 1, 1);
    }

    @Override
    int outLength() {
        return outF;
    }

    @Override
    Object newScratch() {
        return in.isChannelLast() ? null : new int[inF];
    }

    @Override
    void run(int[] src, int[] dst, Object scratch) {
        int[] x = src;
        if (scratch != null) {
            x = (int[]) scratch;
            in.gather(src, x);
        }
        for (int o = 0; o < outF; o++) {
            dst[o] = bias[o] + VectorLoops.dot(w, o * inF, x, inF);
        }
    }
}
