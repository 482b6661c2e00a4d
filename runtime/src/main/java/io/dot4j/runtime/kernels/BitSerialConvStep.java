package io.dot4j.runtime.kernels;

/**
 * Convolution (and dense layers, as a convolution whose kernel covers the whole input) with 1- or 2-bit
 * weights on k-bit levels, by the bit-serial identity.
 *
 * <p>Per output position the receptive field (ky, kx, c) is packed im2col-style into one bit vector per
 * activation bit-plane b (bit b of every level), in the same order as the weight rows; padded positions stay 0.
 * Then, for each output channel, acc = sum over b of 2^b * (2*popcount(w &amp; x_b) - popcount(x_b)) for 1-bit
 * weights. A 2-bit weight is w = 2*h + l with ±1 planes h and l, so its dot product is 2*dot(h) + dot(l).
 * popcount(x_b) does not depend on the output channel and is computed once per position.
 */
final class BitSerialConvStep extends Step {
    private final int h, w, c, bits, kh, kw, stride, pad, outH, outW, outC;
    private final int words, cw, planes;
    private final long[] weights; // row o: planes * words longs
    private final int[] bias;     // null when none

    BitSerialConvStep(int h, int w, int c, int bits, int kh, int kw, int stride, int pad, int outH, int outW,
                      int outC, int weightBits, long[] weights, int[] bias) {
        this.h = h;
        this.w = w;
        this.c = c;
        this.bits = bits;
        this.kh = kh;
        this.kw = kw;
        this.stride = stride;
        this.pad = pad;
        this.outH = outH;
        this.outW = outW;
        this.outC = outC;
        this.words = (kh * kw * c + 63) >>> 6;
        this.cw = (c + 63) >>> 6;
        this.planes = weightBits;
        this.weights = weights;
        this.bias = bias;
    }

    private static final class Scratch {
        final long[] pixelPlanes; // [b][pixel][cw]: bit plane b of each pixel's channels
        final long[] x;           // [b][words]: the receptive field of one output position
        final int[] popX;

        Scratch(int pixelWords, int xWords, int bits) {
            pixelPlanes = new long[pixelWords];
            x = new long[xWords];
            popX = new int[bits];
        }
    }

    @Override
    Object newScratch() {
        return new Scratch(bits * h * w * cw, bits * words, bits);
    }

    @Override
    int[] apply(int[] in, Object scratch) {
        Scratch s = (Scratch) scratch;
        long[] pix = s.pixelPlanes;
        long[] x = s.x;
        int[] popX = s.popX;
        int hw = h * w;
        java.util.Arrays.fill(pix, 0L);
        for (int p = 0; p < hw; p++) {
            for (int ch = 0; ch < c; ch++) {
                int v = in[p * c + ch];
                while (v != 0) { // one pass per set bit of the level
                    int b = Integer.numberOfTrailingZeros(v);
                    pix[(b * hw + p) * cw + (ch >>> 6)] |= 1L << ch;
                    v &= v - 1;
                }
            }
        }
        int[] out = new int[outH * outW * outC];
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                java.util.Arrays.fill(x, 0L);
                int pos = 0;
                for (int ky = 0; ky < kh; ky++) {
                    int iy = oy * stride - pad + ky;
                    for (int kx = 0; kx < kw; kx++, pos += c) {
                        int ix = ox * stride - pad + kx;
                        if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                            continue; // padding: level 0, all bit-planes stay 0
                        }
                        int p = iy * w + ix;
                        for (int b = 0; b < bits; b++) {
                            BitPlanes.append(x, b * words, pos, pix, (b * hw + p) * cw, c);
                        }
                    }
                }
                for (int b = 0; b < bits; b++) {
                    popX[b] = BitPlanes.popcount(x, b * words, words);
                }
                int base = (oy * outW + ox) * outC;
                for (int o = 0; o < outC; o++) {
                    int acc = 0;
                    int row = o * planes * words;
                    for (int b = 0; b < bits; b++) {
                        int xo = b * words;
                        int d = BitPlanes.binaryDot(weights, row, x, xo, words, popX[b]);
                        if (planes == 2) {
                            d = 2 * d + BitPlanes.binaryDot(weights, row + words, x, xo, words, popX[b]);
                        }
                        acc += d << b;
                    }
                    out[base + o] = bias == null ? acc : acc + bias[o];
                }
            }
        }
        return out;
    }
}
