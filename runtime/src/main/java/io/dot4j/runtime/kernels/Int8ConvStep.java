package io.dot4j.runtime.kernels;

import java.util.Arrays;

/**
 * Convolution (and dense layers, as a whole-input convolution) with int8 weights: an im2col int vector per
 * output position (0 at padded positions), multiplied by weights stored transposed ([j][o]) so that the inner
 * loop runs over consecutive output channels (vectorizable); zero inputs are skipped.
 */
final class Int8ConvStep extends Step {
    private final int h, w, c, kh, kw, stride, pad, outH, outW, outC, fanIn;
    private final byte[] wt; // [j * outC + o]
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
        this.wt = new byte[weights.length];
        for (int o = 0; o < outC; o++) {
            for (int j = 0; j < fanIn; j++) {
                wt[j * outC + o] = weights[o * fanIn + j];
            }
        }
        this.bias = bias;
    }

    private static final class Scratch {
        final int[] col;
        final int[] acc;

        Scratch(int fanIn, int outC) {
            col = new int[fanIn];
            acc = new int[outC];
        }
    }

    @Override
    Object newScratch() {
        return new Scratch(fanIn, outC);
    }

    @Override
    int[] apply(int[] in, Object scratch) {
        int[] col = ((Scratch) scratch).col;
        int[] acc = ((Scratch) scratch).acc;
        int[] out = new int[outH * outW * outC];
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
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
                if (bias == null) {
                    Arrays.fill(acc, 0);
                } else {
                    System.arraycopy(bias, 0, acc, 0, outC);
                }
                for (int j = 0; j < fanIn; j++) {
                    int xv = col[j];
                    if (xv == 0) {
                        continue;
                    }
                    int row = j * outC;
                    for (int o = 0; o < outC; o++) {
                        acc[o] += wt[row + o] * xv;
                    }
                }
                System.arraycopy(acc, 0, out, (oy * outW + ox) * outC, outC);
            }
        }
        return out;
    }
}
