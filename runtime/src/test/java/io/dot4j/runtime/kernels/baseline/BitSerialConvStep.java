package io.dot4j.runtime.kernels.baseline;

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
 * 2*(2*S_h - X) + (2*S_l - X) = 2*(2*S_h + S_l) - 3*X. Windows whose levels are all 0 are skipped
 * ({@link ZeroWindows}).
 */
final class BitSerialConvStep extends Step {
    private final int h, w, c, bits, kh, kw, stride, pad, outH, outW, outC;
    private final int words;     // longs per receptive-field plane
    private final int rowWords;  // longs per padded input row plane
    private final int planes;    // weight planes: 1 or 2
    private final long[] wt;      // transposed: word j of plane p of every output, [(p*words + j)*outC + o]
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
        long scratchLongs = (long) bits * h * rowWords + 1;
        if (scratchLongs > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a " + h + "x" + w + "x" + c + " input with padding " + pad + " needs "
                    + scratchLongs + " longs of bit-planes, more than one Java array holds");
        }
        this.wt = new long[weights.length];
        for (int o = 0; o < outC; o++) {
            for (int k = 0; k < planes * words; k++) {
                wt[k * outC + o] = weights[o * planes * words + k];
            }
        }
        this.bias = bias;
    }

    private static final class Scratch {
        final long[] rows; // [b][iy][rowWords]: bit-plane b of each padded input row
        final long[] x;    // [b][words]: the receptive field of one output position
        final int[] t;     // per output channel: the weighted popcount sum T
        final long[] integral; // summed-area table of the levels, to find all-zero windows

        Scratch(int rowLongs, int xLongs, int outC, int integralLongs) {
            rows = new long[rowLongs];
            x = new long[xLongs];
            t = new int[outC];
            integral = new long[integralLongs];
        }
    }

    @Override
    Object newScratch() {
        return new Scratch(bits * h * rowWords + 1, bits * words + 1, outC, (h + 1) * (w + 1)); // + 1: see the run copy
    }

    @Override
    int[] apply(int[] in, Object scratch) {
        Scratch s = (Scratch) scratch;
        long[] rows = s.rows;
        long[] x = s.x;
        Arrays.fill(rows, 0L);
        long[] integral = s.integral;
        ZeroWindows.sumTable(in, h, w, c, integral);
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
        long runMask = run >= 64 ? -1L : (1L << run) - 1;
        int[] out = new int[outH * outW * outC];
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                int base = (oy * outW + ox) * outC;
                if (ZeroWindows.isZero(integral, h, w, oy * stride - pad, ox * stride - pad, kh, kw)) {
                    // every level in the window is 0 (levels are never negative), so every dot product is 0
                    for (int o = 0; o < outC; o++) {
                        out[base + o] = bias == null ? 0 : bias[o];
                    }
                    continue;
                }
                Arrays.fill(x, 0L);
                int from = ox * stride * c; // first bit of the window in the padded row
                for (int ky = 0; ky < kh; ky++) {
                    int iy = oy * stride - pad + ky;
                    if (iy < 0 || iy >= h) {
                        continue; // a padding row: level 0, all bit-planes stay 0
                    }
                    if (run > 64) {
                        for (int b = 0; b < bits; b++) {
                            BitPlanes.copyBits(x, b * words, ky * run, rows, (b * h + iy) * rowWords, from, run);
                        }
                        continue;
                    }
                    // a run of at most 64 bits: read it with one two-word shift, write it with one two-word shift.
                    // (a << 1) << (63 - s) is a << (64 - s) that yields 0 for s = 0; the spare long at the end of
                    // both arrays keeps the neighbour accesses in bounds, and ORing the zero bits there is harmless.
                    int fw = from >>> 6, fs = from & 63, d = ky * run, dw = d >>> 6, ds = d & 63;
                    for (int b = 0; b < bits; b++) {
                        int ri = (b * h + iy) * rowWords + fw;
                        long v = ((rows[ri] >>> fs) | ((rows[ri + 1] << 1) << (63 - fs))) & runMask;
                        int xi = b * words + dw;
                        x[xi] |= v << ds;
                        x[xi + 1] |= (v >>> 1) >>> (63 - ds);
                    }
                }
                int sumX = 0;
                for (int b = 0; b < bits; b++) {
                    sumX += BitPlanes.popcount(x, b * words, words) << b;
                }
                outputs(x, sumX, s.t, out, base);
            }
        }
        return out;
    }

    /**
     * acc = 2*T - F*X, where for 1-bit weights T = S and F = 1, and for 2-bit weights T = 2*S_h + S_l and F = 3
     * (2*(2*S_h - X) + (2*S_l - X)). T adds popcount(w_p &amp; x_b) shifted left by b + (planes - 1 - p), one
     * receptive-field word at a time for all output channels together: the inner loop runs over the transposed
     * weights of consecutive channels, which C2 turns into vector popcounts. All-zero words (padding, level 0)
     * are skipped.
     */
    private void outputs(long[] x, int sumX, int[] t, int[] out, int base) {
        Arrays.fill(t, 0);
        for (int p = 0; p < planes; p++) {
            for (int b = 0; b < bits; b++) {
                int shift = b + planes - 1 - p;
                for (int j = 0; j < words; j++) {
                    long xv = x[b * words + j];
                    if (xv == 0) {
                        continue;
                    }
                    int wo = (p * words + j) * outC;
                    for (int o = 0; o < outC; o++) {
                        t[o] += Long.bitCount(wt[wo + o] & xv) << shift;
                    }
                }
            }
        }
        int f = planes == 1 ? 1 : 3;
        for (int o = 0; o < outC; o++) {
            out[base + o] = 2 * t[o] - f * sumX + (bias == null ? 0 : bias[o]);
        }
    }
}
