package io.dot4j.runtime.kernels;

/**
 * Convolution (and dense layers, as a whole-input convolution) with int8 weights: a straightforward
 * im2col int vector per output position (0 at padded positions) times each int8 weight row.
 */
final class Int8ConvStep extends Step {
    private final int h, w, c, kh, kw, stride, pad, outH, outW, outC, fanIn;
    private final byte[] weights;
    private final int[] bias;

    Int8ConvStep(int h, int w, int c, int kh, int kw, int stride, int pad, int outH, int outW, int outC,
                 byte[] weights, int[] bias) {
        this.h = h;
        this.w = w;
        this.c = c;
        this.kh = kh;
        this.kw = kw;
        this.stride = stride;
        this.pad = pad;
        this.outH = outH;
        this.outW = outW;
        this.outC = outC;
        this.fanIn = kh * kw * c;
        this.weights = weights;
        this.bias = bias;
    }

    @Override
    Object newScratch() {
        return new int[fanIn];
    }

    @Override
    int[] apply(int[] in, Object scratch) {
        int[] col = (int[]) scratch;
        int[] out = new int[outH * outW * outC];
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                int pos = 0;
                for (int ky = 0; ky < kh; ky++) {
                    int iy = oy * stride - pad + ky;
                    for (int kx = 0; kx < kw; kx++, pos += c) {
                        int ix = ox * stride - pad + kx;
                        if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                            java.util.Arrays.fill(col, pos, pos + c, 0);
                        } else {
                            System.arraycopy(in, (iy * w + ix) * c, col, pos, c);
                        }
                    }
                }
                int base = (oy * outW + ox) * outC;
                for (int o = 0; o < outC; o++) {
                    int acc = bias == null ? 0 : bias[o];
                    int row = o * fanIn;
                    for (int j = 0; j < fanIn; j++) {
                        acc += weights[row + j] * col[j];
                    }
                    out[base + o] = acc;
                }
            }
        }
        return out;
    }
}
