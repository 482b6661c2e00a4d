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
final class PlanarIntConv extends PlanarStage implements PlanarStage.PoolFusable {
    private final ConvGrid g;
    private final int outC, n, gridLength;
    private final boolean binary;   // ±1 weights: sums of taps
    private final int[] start, off, wt; // per output channel: its terms (for binary weights: the smaller sign set)
    private final int[] sign;           // binary: +1 if the terms are the +1 taps (acc = 2P - X), -1 if the -1 taps
    private final int[] xOff;           // binary: every tap, for X
    private final int zeroOff;          // grid offset of n zeros

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
        zeroOff = gridLength; // a run of n zeros after the grid, for padding terms
        int[] offs = new int[weights.length + 4 * outC], wts = new int[weights.length + 4 * outC];
        int[] taps = new int[fanIn];
        for (int ky = 0, t = 0; ky < kh; ky++) {
            for (int kx = 0; kx < kw; kx++) {
                for (int ch = 0; ch < in.c; ch++) {
                    taps[t++] = tapOffset(ky, kx, ch);
                }
            }
        }
        int xn = Math.max(4, (fanIn + 3) & ~3);
        xOff = new int[xn];
        Arrays.fill(xOff, zeroOff);
        System.arraycopy(taps, 0, xOff, 0, fanIn);
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
                    offs[t] = taps[j];
                    wts[t++] = v;
                }
            }
            while (t == start[o] || (t - start[o]) % 4 != 0) { // pad to a positive multiple of four: terms that add 0
                offs[t] = binary ? zeroOff : 0;
                wts[t++] = 0;
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
            grid = new long[gridLength + n]; // the padding and the tail are never written: they stay 0
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
        run(src, dst, scratch, 0, 0);
    }

    /** With prs, pcs &gt; 0 the input is read through a fused 2x2 max pool (see {@link VectorLoops#level}). */
    public void run(int[] src, int[] dst, Object scratch, int prs, int pcs) {
        Scratch sc = (Scratch) scratch;
        long[] grid = sc.grid;
        Layout l = in;
        int ylo = g.h, yhi = -1;
        boolean rows = prs == 0 && g.s == 1 && l.cs == 1; // rows of a channel are contiguous in both
        for (int y = 0; y < g.h; y++) {
            int any = 0;
            if (rows) {
                for (int ch = 0; ch < g.c; ch++) {
                    any |= VectorLoops.widen(grid, g.rowPart[y] + g.colPart[0] + ch * g.pp, src, y * l.rs + ch * l.ps, g.w);
                }
            } else {
                for (int x = 0; x < g.w; x++) {
                    int gi = g.rowPart[y] + g.colPart[x], si = y * l.rs + x * l.cs;
                    for (int ch = 0; ch < g.c; ch++) {
                        int v = VectorLoops.level(src, si + ch * l.ps, prs, pcs);
                        grid[gi + ch * g.pp] = v;
                        any |= v;
                    }
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
            for (int t = 0; t < xOff.length; t += 4) {
                VectorLoops.sum4(sc.x, from, grid, xOff[t] + from, xOff[t + 1] + from, xOff[t + 2] + from,
                        xOff[t + 3] + from, 1, len);
            }
            VectorLoops.widen(sc.wideX, sc.x, from, len);
        }
        for (int o = 0; o < outC; o++) {
            int a = o * n, t = start[o], e = start[o + 1];
            Arrays.fill(dst, a, a + from, 0);
            Arrays.fill(dst, a + from + len, a + n, 0);
            if (binary) {
                // terms over the +1 taps: acc = 2P - X; over the -1 taps: acc = X - 2N
                int m = 2 * sign[o];
                VectorLoops.sumSet4(dst, a + from, grid, off[t] + from, off[t + 1] + from, off[t + 2] + from,
                        off[t + 3] + from, m, len);
                for (t += 4; t < e; t += 4) {
                    VectorLoops.sum4(dst, a + from, grid, off[t] + from, off[t + 1] + from, off[t + 2] + from,
                            off[t + 3] + from, m, len);
                }
                VectorLoops.subtract(dst, a + from, sc.wideX, from, sign[o], len);
            } else {
                VectorLoops.mulInit4(dst, a + from, grid, off[t] + from, off[t + 1] + from, off[t + 2] + from,
                        off[t + 3] + from, wt[t], wt[t + 1], wt[t + 2], wt[t + 3], len);
                for (t += 4; t < e; t += 4) {
                    VectorLoops.mul4(dst, a + from, grid, off[t] + from, off[t + 1] + from, off[t + 2] + from,
                            off[t + 3] + from, wt[t], wt[t + 1], wt[t + 2], wt[t + 3], len);
                }
            }
        }
    }
}
