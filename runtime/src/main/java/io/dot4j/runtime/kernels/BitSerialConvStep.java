package io.dot4j.runtime.kernels;

import java.util.Arrays;

/**
 * Convolution (and dense layers, as a convolution whose kernel covers the whole input) with 1- or 2-bit
 * weights on k-bit levels, by the bit-serial identity.
 *
 * <p>First the input is split into bit-planes, one bit vector per (plane b, input row), with {@code padding}
 * zero pixels on both sides of each row. Because tensors are channel-last, the kw pixels x C channels a kernel
 * row covers are one contiguous run of kw*C bits in such a row vector; im2col is then kh runs per plane, copied
 * into the receptive-field vector x_b in (ky, kx, c) order, the order of the weight rows. Padding rows and
 * columns contribute zero bits.
 *
 * <p>For each output channel, acc = sum over b of 2^b * (2*popcount(w &amp; x_b) - popcount(x_b)) for ±1 weights.
 * Since sum over b of 2^b * popcount(x_b) is the sum X of the levels in the window, this is
 * acc = 2*S - X with S = sum over b of 2^b * popcount(w &amp; x_b); X does not depend on the output channel and is
 * computed once per position. A 2-bit weight is w = 2*h + l with ±1 planes h and l, so its dot product is
 * 2*(2*S_h - X) + (2*S_l - X). Each popcount(w &amp; x_b) is a plain loop over longs, which C2 vectorizes.
 */
final class BitSerialConvStep extends Step {
    private final int h, w, c, bits, kh, kw, stride, pad, outH, outW, outC;
    private final int words;     // longs per receptive-field plane
    private final int rowWords;  // longs per padded input row plane
    private final int planes;    // weight planes: 1 or 2
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
        this.rowWords = (int) (((long) (w + 2 * pad) * c + 63) >>> 6);
        this.planes = weightBits;
        this.weights = weights;
        this.bias = bias;
    }

    private static final class Scratch {
        final long[] rows; // [b][iy][rowWords]: bit-plane b of each padded input row
        final long[] x;    // [b][words]: the receptive field of one output position
        final int[] popX;

        Scratch(int rowLongs, int xLongs, int bits) {
            rows = new long[rowLongs];
            x = new long[xLongs];
            popX = new int[bits];
        }
    }

    @Override
    Object newScratch() {
        return new Scratch(bits * h * rowWords, bits * words, bits);
    }

    @Override
    int[] apply(int[] in, Object scratch) {
        Scratch s = (Scratch) scratch;
        long[] rows = s.rows;
        long[] x = s.x;
        int[] popX = s.popX;
        Arrays.fill(rows, 0L);
        for (int iy = 0; iy < h; iy++) {
            for (int i = 0, q = pad * c; i < w * c; i++, q++) { // q: bit index in the padded row
                int v = in[iy * w * c + i];
                while (v != 0) { // one pass per set bit of the level
                    int b = Integer.numberOfTrailingZeros(v);
                    rows[(b * h + iy) * rowWords + (q >>> 6)] |= 1L << q;
                    v &= v - 1;
                }
            }
        }
        int run = kw * c;
        int[] out = new int[outH * outW * outC];
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                Arrays.fill(x, 0L);
                int from = ox * stride * c; // first bit of the window in the padded row
                for (int ky = 0; ky < kh; ky++) {
                    int iy = oy * stride - pad + ky;
                    if (iy < 0 || iy >= h) {
                        continue; // a padding row: level 0, all bit-planes stay 0
                    }
                    for (int b = 0; b < bits; b++) {
                        BitPlanes.copyBits(x, b * words, ky * run, rows, (b * h + iy) * rowWords, from, run);
                    }
                }
                int sumX = 0;
                for (int b = 0; b < bits; b++) {
                    popX[b] = BitPlanes.popcount(x, b * words, words);
                    sumX += popX[b] << b;
                }
                int base = (oy * outW + ox) * outC;
                if (words == 1 && planes == 1) {
                    oneWordRows(x, popX, out, base);
                } else {
                    rows(x, sumX, out, base);
                }
            }
        }
        return out;
    }

    private void rows(long[] x, int sumX, int[] out, int base) {
        for (int o = 0; o < outC; o++) {
            int row = o * planes * words;
            int acc = 2 * weightedCount(row, x) - sumX;
            if (planes == 2) {
                acc = 2 * acc + 2 * weightedCount(row + words, x) - sumX;
            }
            out[base + o] = bias == null ? acc : acc + bias[o];
        }
    }

    /** S = sum over planes b of popcount(w &amp; x_b) << b, for one ±1 weight plane starting at {@code row}. */
    private int weightedCount(int row, long[] x) {
        int s = 0;
        for (int b = 0; b < bits; b++) {
            s += BitPlanes.popcountAnd(weights, row, x, b * words, words) << b;
        }
        return s;
    }

    /** The common case of a short receptive field (at most 64 inputs) and ±1 weights: one long per plane. */
    private void oneWordRows(long[] x, int[] popX, int[] out, int base) {
        for (int o = 0; o < outC; o++) {
            long wo = weights[o];
            int acc = 0;
            for (int b = 0; b < bits; b++) {
                acc += (2 * Long.bitCount(wo & x[b]) - popX[b]) << b;
            }
            out[base + o] = bias == null ? acc : acc + bias[o];
        }
    }
}
