package io.dot4j.runtime.kernels.baseline;

import java.util.Arrays;

/**
 * Convolution (and dense layers, as a whole-input convolution) with int8 weights: an im2col int vector per
 * output position (0 at padded positions), dotted with each weight row; all-zero windows are skipped
 * ({@link ZeroWindows}). The rows are widened to int in memory:
 * C2 vectorizes an int*int sum reduction but not one that converts bytes (measured about 10x apart).
 */
final class Int8ConvStep extends Step {
    private final int h, w, c, kh, kw, stride, pad, outH, outW, outC, fanIn;
    private final int[] wi; // row-major, widened from int8
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
        this.wi = new int[weights.length];
        for (int i = 0; i < weights.length; i++) {
            wi[i] = weights[i];
        }
        this.bias = bias;
    }

    private static final class Scratch {
        final int[] col;
        final long[] integral;

        Scratch(int fanIn, int integralLongs) {
            col = new int[fanIn];
            integral = new long[integralLongs];
        }
    }

    @Override
    Object newScratch() {
        return new Scratch(fanIn, (h + 1) * (w + 1));
    }

    @Override
    int[] apply(int[] in, Object scratch) {
        int[] col = ((Scratch) scratch).col;
        long[] integral = ((Scratch) scratch).integral;
        ZeroWindows.sumTable(in, h, w, c, integral);
        int[] out = new int[outH * outW * outC];
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                int base = (oy * outW + ox) * outC;
                if (ZeroWindows.isZero(integral, h, w, oy * stride - pad, ox * stride - pad, kh, kw)) {
                    for (int o = 0; o < outC; o++) { // all levels 0: every dot product is 0
                        out[base + o] = bias == null ? 0 : bias[o];
                    }
                    continue;
                }
                int pos = 0;
                for (int ky = 0; ky < kh; ky++) {
                    int iy = oy * stride - pad + ky;
                    for (int kx = 0; kx < kw; kx++, pos += c) {
                        int ix = ox * stride - pad + kx;
                        if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                            Arrays.fill(col, pos, pos + c, 0); // padding: level 0
                        } else {
                            System.arraycopy(in, (iy * w + ix) * c, col, pos, c);
                        }
                    }
                }
                for (int o = 0; o < outC; o++) {
                    int acc = dot(wi, o * fanIn, col, fanIn);
                    out[base + o] = bias == null ? acc : acc + bias[o];
                }
            }
        }
        return out;
    }

    /** sum of w[off + j] * x[j] for j < n; a method of its own so that C2 compiles (and vectorizes) it alone. */
    static int dot(int[] w, int off, int[] x, int n) {
        int acc = 0;
        for (int j = 0; j < n; j++) {
            acc += w[off + j] * x[j];
        }
        return acc;
    }
}
