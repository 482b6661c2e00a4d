package io.dot4j.runtime.kernels;

import io.dot4j.runtime.kernels.spi.BitConvKernel;
import java.util.Arrays;

/**
 * Convolution as int arithmetic on the planar phase grids (chosen for 8-bit weights and for wide input levels such as
 * pixels, where bit-serial would need many planes). For each output channel the kernel taps are terms (grid offset,
 * weight) and the inner loops add up to four terms along all positions at once. With ±1 weights there is no
 * multiply: acc = 2*P - X where P sums the taps of weight +1 and X all taps (computed once for all channels), or
 * acc = X - 2*N over the taps of weight -1, whichever set is smaller. Output rows whose window holds only zero
 * input rows (image background) are 0 and not computed.
 *
 * <p>When the kernel has {@link BitConvKernel#shortConv} and every sum fits a short (a first layer on pixels), the
 * following thresholds are fused ({@link #fuseThreshold}): the kernel convolves 32 positions per vector in 16-bit
 * arithmetic and writes levels.
 */
final class PlanarIntConv extends PlanarStage implements PlanarStage.PoolFusable, PlanarStage.ThresholdFusable {
    private final ConvGrid g;
    private final int outC, n, gridLength;
    private final boolean binary;   // ±1 weights: sums of taps
    private final int[] start, off, wt; // per output channel: its terms (for binary weights: the smaller sign set)
    private final int[] sign;           // binary: +1 if the terms are the +1 taps (acc = 2P - X), -1 if the -1 taps
    private final int[] xOff;           // binary: every tap, for X
    private final int zeroOff;          // grid offset of n zeros
    private final BitConvKernel shorts; // the kernel for the 16-bit path, or null when sums may not fit a short
    private final int[] taps;           // grid offset of every tap (weights column order)
    private final short[] wShort;       // the weights as shorts, row-major
    private final short[] signShort;    // binary: sign as shorts
    private short[] keyMask, keys;      // the fused thresholds (null: none)
    private int levels;
    private int[] zeroLevel;            // per output channel: the level of an accumulator of 0 (skipped blank rows)

    /**
     * @param inMax    largest input level
     * @param outBound largest |accumulator| (and of every partial sum)
     */
    PlanarIntConv(Layout in, int outC, int kh, int kw, int s, int pad, int oh, int ow, int[] weights, BitConvKernel kernel,
                  long inMax, long outBound) {
        super(in);
        this.g = new ConvGrid(in.c, in.h, in.w, kh, kw, s, pad, oh, ow, in.c);
        this.outC = outC;
        // 16-bit sums: thresholds are clamped to [-bound-1, bound+1], which must fit a short too
        this.shorts = kernel != null && kernel.convolvesShorts() && Math.max(inMax, outBound) < Short.MAX_VALUE
                ? kernel : null;
        this.n = shorts == null ? g.positions() : (g.positions() + 31) & ~31;
        this.gridLength = s * s * in.c * g.pp;
        this.out = new Layout(outC, oh, ow, n, g.pw, 1);
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
        this.taps = taps;
        this.wShort = new short[weights.length];
        for (int i = 0; i < weights.length; i++) {
            wShort[i] = (short) weights[i]; // exact: |w| <= outBound < 2^15 (or every weight is 0)
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
        signShort = new short[outC];
        for (int o = 0; o < outC; o++) {
            signShort[o] = (short) sign[o];
        }
        off = Arrays.copyOf(offs, t);
        wt = Arrays.copyOf(wts, t);
    }

    /** Grid offset of tap (ky, kx, ch) relative to an output's position (weights column order (ky, kx, c)). */
    private int tapOffset(int ky, int kx, int ch) {
        int s = g.s;
        return g.planeStart(ky % s, kx % s, in.c, ch) + (ky / s) * g.pw + kx / s;
    }

    /**
     * Lets the kernel apply {@code t}'s thresholds (which read this stage's output) as it convolves, in 16-bit
     * arithmetic (see {@link #runThresholded}); only when sums fit a short and {@code t} counts branch-free.
     */
    void fuseThreshold(PlanarThreshold t) {
        if (shorts == null || !t.counting() || t.transposes()) {
            return;
        }
        int[] m = t.masks(), k = t.keys();
        levels = t.perChannel();
        keyMask = new short[outC];
        keys = new short[k.length];
        zeroLevel = new int[outC];
        for (int o = 0; o < outC; o++) {
            keyMask[o] = (short) m[o];
            for (int i = 0; i < levels; i++) {
                keys[o * levels + i] = (short) k[o * levels + i]; // clamped to the accumulator range: fits
                zeroLevel[o] += (0 ^ m[o]) >= k[o * levels + i] ? 1 : 0;
            }
        }
    }

    @Override
    public boolean fusesThreshold() {
        return keys != null;
    }

    private static final class Scratch {
        final long[] grid; // long, not int: see VectorLoops
        final short[] shortGrid; // the 16-bit path's grid, or null
        final short[] shortX;    // the 16-bit path's window sums (binary weights), or null
        final int[] x;
        final long[] wideX;

        Scratch(int gridLength, int n, boolean shorts) {
            grid = new long[gridLength + n]; // the padding and the tail are never written: they stay 0
            shortGrid = shorts ? new short[gridLength + n] : null;
            shortX = shorts ? new short[n] : null;
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
        return new Scratch(gridLength, n, shorts != null);
    }

    @Override
    void run(int[] src, int[] dst, Object scratch) {
        run(src, dst, scratch, 0, 0);
    }

    /**
     * The convolution and the fused thresholds ({@link #fuseThreshold}), levels out; with prs, pcs &gt; 0 the input is
     * read through a fused 2x2 max pool. Positions whose window holds only blank input rows get the level of 0.
     */
    @Override
    public void runThresholded(int[] src, int[] dst, Object scratch, int prs, int pcs) {
        short[] grid = ((Scratch) scratch).shortGrid;
        Layout l = in;
        int ylo = g.h, yhi = -1;
        boolean rows = prs == 0 && g.s == 1 && l.cs == 1; // rows of a channel are contiguous in both
        for (int y = 0; y < g.h; y++) {
            int any = 0;
            if (rows) {
                for (int ch = 0; ch < g.c; ch++) {
                    any |= VectorLoops.narrow(grid, g.rowPart[y] + g.colPart[0] + ch * g.pp, src, y * l.rs + ch * l.ps, g.w);
                }
            } else {
                for (int x = 0; x < g.w; x++) {
                    int gi = g.rowPart[y] + g.colPart[x], si = y * l.rs + x * l.cs;
                    for (int ch = 0; ch < g.c; ch++) {
                        int v = prs == 0 ? src[si + ch * l.ps] : VectorLoops.level(src, si + ch * l.ps, prs, pcs);
                        grid[gi + ch * g.pp] = (short) v;
                        any |= v;
                    }
                }
            }
            if (any != 0) {
                ylo = Math.min(ylo, y);
                yhi = y;
            }
        }
        int s = g.s, lo = Math.max(0, Math.floorDiv(ylo + g.pad - g.kh + 1 + s - 1, s));
        int hi = yhi < 0 ? -1 : Math.min(g.oh - 1, Math.floorDiv(yhi + g.pad, s));
        // whole vectors of 32 positions; the extra ones around the range are computed, not assumed
        int from = (lo * g.pw) & ~31, to = hi < lo ? from : Math.min(n, ((hi + 1) * g.pw + 31) & ~31);
        if (to > from) {
            if (binary) { // sums of the smaller sign set and of all taps: about half the taps of a multiply per tap
                shorts.shortConvSigns(grid, xOff, xOff.length, off, start, signShort, outC, from, to, levels, keyMask, keys,
                        dst, n, ((Scratch) scratch).shortX);
            } else {
                shorts.shortConv(grid, taps, wShort, taps.length, outC, from, to, levels, keyMask, keys, dst, n);
            }
        }
        for (int o = 0; o < outC; o++) {
            Arrays.fill(dst, o * n, o * n + from, zeroLevel[o]);
            Arrays.fill(dst, o * n + to, o * n + n, zeroLevel[o]);
        }
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

    /** Whether this convolution runs on the kernel's 16-bit lanes ({@link BitConvKernel#shortConv}), not int loops. */
    boolean usesShorts() {
        return shorts != null;
    }
}
