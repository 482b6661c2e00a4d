package io.dot4j.runtime.kernels.baseline;

/** Max over k x k windows of levels, channel-last. */
final class MaxPoolStep extends Step {
    private final int w, c, k, stride, outH, outW;

    MaxPoolStep(int w, int c, int k, int stride, int outH, int outW) {
        this.w = w;
        this.c = c;
        this.k = k;
        this.stride = stride;
        this.outH = outH;
        this.outW = outW;
    }

    @Override
    int[] apply(int[] in, Object scratch) {
        int[] out = new int[outH * outW * c];
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                int o = (oy * outW + ox) * c;
                java.util.Arrays.fill(out, o, o + c, Integer.MIN_VALUE);
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        int i = ((oy * stride + ky) * w + ox * stride + kx) * c;
                        for (int ch = 0; ch < c; ch++) {
                            out[o + ch] = Math.max(out[o + ch], in[i + ch]);
                        }
                    }
                }
            }
        }
        return out;
    }
}
