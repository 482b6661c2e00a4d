package io.dot4j.runtime.kernels;

import java.util.Arrays;

/**
 * Convolution as int arithmetic on the planar phase grids (chosen for 8-bit weights and for wide input levels such as
 * pixels, where bit-serial would need many planes). For each output channel the kernel taps are terms (grid offset,
 * weight) and the inner loops add up to four terms along all positions at once. With ±1 weights there is no
 * multiply: acc = 2*P - X where P sums the taps of weight +1 and X all taps (computed once for all channels), or
 * acc = X - 2*N over the taps of weight -1, whichever set is smaller. Output rows whose window holds only zero
 * input rows (image background) are 0 and not computed.
 */
final class PlanarIntConv extends PlanarStage {
    private final ConvGrid g;
    private final int outC, n, gridLength;
    private final boolean binary;   // ±1 weights: sums of taps
    private final int[] start, off, wt; // per output channel: its terms (for binary weights: the smaller sign set)
    private final int[] sign;           // binary: +1 if the terms are the +1 taps (acc = 2P - X), -1 if the -1 taps
    private final int[] xOff;           // binary: every tap, for X

    PlanarIntConv(Layout in, int outC, int kh, int kw, int s, int pad, int oh, int ow, int[] weights) {
        super(in);
        this.g = new ConvGrid(in.c, in.h, in.w, kh, kw, s, pad, oh, ow, in.c);
        this.outC = outC;
        this.n = g.positions();
        this.gridLength = s * s * in.c * g.pp;
        this.out = g.outLayout(outC);
        int fanIn = kh * kw * in.c;
        boolean b = true;
        for (int v : weights) {
            b &= v == 1 || v == -1;
        }
        this.binary = b;
        start = new int[outC + 1];
        sign = new int[outC];
        int[] offs = new int[weights.length], wts = new int[weights.length];
        xOff = new int[fanIn];
        for (int ky = 0, t = 0; ky < kh; ky++) {
            for (int kx = 0; kx < kw; kx++) {
                for (int ch = 0; ch < in.c; ch++) {
                    xOff[t++] = tapOffset(ky, kx, ch);
                }
            }
        }
        int t = 0;
        for (int o = 0; o < outC; o++) {
            start[o] = t;
            int plus = 0;
            for (int j = 0; j < fanIn; j++) {
                plus += weights[o * fanIn + j] == 1 ? 1 : 0;
            }
            sign[o] = 2 * plus <= fanIn ? 1 : -1;
            for (int j = 0; j < fanIn; j++) {
                int v = weights[o * fanIn + j];
                boolean take = binary ? v == sign[o] : v != 0; // a zero weight adds nothing
                if (take) {
                    offs[t] = xOff[j];
                    wts[t++] = v;
                }
            }
        }
        start[outC] = t;
        off = Arrays.copyOf(offs, t);
        wt = Arrays.copyOf(wts, t);
    }

    /** Grid offset of tap (ky, kx, ch) relative to an output's position (weights column order (ky, kx, c)). */
    private int tapOffset(int ky, int kx, int ch) {
        int s = g.s;
        return g.planeStart(ky % s, kx % s, in.c, ch) + (ky / s) * g.pw + kx / s;
    }

    private static final class Scratch {
        final long[] grid; // long, not int: see VectorLoops
        final int[] x;
        final long[] wideX;

        Scratch(int gridLength, int n) {
            grid = new long[gridLength]; // the padding is never written: it stays 0
            x = new int[n];
            wideX = new long[n];
        }
    }

    @Override
    int outLength() {
        return outC * n;
    }

    @Override
    Object newScratch() {
        return new Scratch(gridLength, n);
    }

    @Override
    void run(int[] src, int[] dst, Object scratch) {
        Scratch sc = (Scratch) scratch;
        long[] grid = sc.grid;
        Layout l = in;
        int ylo = g.h, yhi = -1;
        for (int y = 0; y < g.h; y++) {
            int any = 0;
            for (int x = 0; x < g.w; x++) {
                int gi = g.rowPart[y] + g.colPart[x], si = y * l.rs + x * l.cs;
                for (int ch = 0; ch < g.c; ch++) {
                    int v = src[si + ch * l.ps];
                    grid[gi + ch * g.pp] = v;
                    any |= v;
                }
            }
            if (any != 0) {
                ylo = Math.min(ylo, y);
                yhi = y;
            }
        }
        // output rows that see a nonzero input row: oy*s - pad <= yhi and oy*s - pad + kh - 1 >= ylo
        int s = g.s, lo = Math.max(0, Math.floorDiv(ylo + g.pad - g.kh + 1 + s - 1, s));
        int hi = yhi < 0 ? -1 : Math.min(g.oh - 1, Math.floorDiv(yhi + g.pad, s));
        int from = lo * g.pw, len = Math.max(0, (hi + 1) * g.pw - from);
        if (len == 0) {
            Arrays.fill(dst, 0, outC * n, 0);
            return;
        }
        if (binary) {
            Arrays.fill(sc.x, from, from + len, 0);
            terms(sc.x, from, grid, xOff, null, 0, xOff.length, from, len);
            VectorLoops.widen(sc.wideX, sc.x, from, len);
        }
        for (int o = 0; o < outC; o++) {
            int a = o * n;
            Arrays.fill(dst, a, a + n, 0);
            terms(dst, a + from, grid, off, binary ? null : wt, start[o], start[o + 1], from, len);
            if (binary) {
                // terms over +1 taps: acc = 2P - X; over -1 taps: acc = X - 2N
                VectorLoops.combine(dst, a + from, 2 * sign[o], sc.wideX, from, sign[o], len);
            }
        }
    }

    /**
     * acc[a..a+len) += terms t..e (plain sums when {@code wt} is null, else weighted), four at a time; output
     * position p reads the grid at offset + p, and the range starts at position {@code from}.
     */
    private static void terms(int[] acc, int a, long[] grid, int[] off, int[] wt, int t, int e, int from, int len) {
        for (; t + 4 <= e; t += 4) {
            if (wt == null) {
                VectorLoops.add4(acc, a, grid, off[t] + from, off[t + 1] + from, off[t + 2] + from, off[t + 3] + from, len);
            } else {
                VectorLoops.mul4(acc, a, grid, off[t] + from, off[t + 1] + from, off[t + 2] + from, off[t + 3] + from,
                        wt[t], wt[t + 1], wt[t + 2], wt[t + 3], len);
            }
        }
        if (t + 2 <= e) {
            if (wt == null) {
                VectorLoops.add2(acc, a, grid, off[t] + from, off[t + 1] + from, len);
            } else {
                VectorLoops.mul2(acc, a, grid, off[t] + from, off[t + 1] + from, wt[t], wt[t + 1], len);
            }
            t += 2;
        }
        if (t < e) {
            if (wt == null) {
                VectorLoops.add1(acc, a, grid, off[t] + from, len);
            } else {
                VectorLoops.mul1(acc, a, grid, off[t] + from, wt[t], len);
            }
        }
    }
}
