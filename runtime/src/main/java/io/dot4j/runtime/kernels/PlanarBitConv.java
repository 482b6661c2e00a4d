package io.dot4j.runtime.kernels;

import java.util.ArrayList;
import java.util.List;

/**
 * Convolution with 1- or 2-bit weights on few-bit levels by the bit-serial identity (see {@link BitSerialConvStep}),
 * on planar phase grids of 64-bit words: for input bit b, grid word (row, col) holds bit b of the levels of the
 * channels of one padded pixel (64 per word; more words when C &gt; 64), and when C &lt;= 32 the bits of
 * {@code group} = 64/C horizontally adjacent pixels (same phase) side by side, so one word covers several taps.
 * Every (tap group, input bit, weight plane) is a term (grid offset, weight word, shift); the inner loops add the
 * popcounts of up to four terms along all positions. The bit order inside a word is our choice: the weights are
 * re-packed to match.
 *
 * <p>acc = 2*T - F*X with T = sum of popcount(w &amp; x) &lt;&lt; (b + planes-1-p) (the terms carry one more
 * shift, so they sum to 2*T), X the level sum of the window
 * (the same terms with all-ones weights, once for all channels), F = 1 (1-bit) or 3 (2-bit).
 */
final class PlanarBitConv extends PlanarStage implements PlanarStage.PoolFusable {
    private final ConvGrid g;
    private final int outC, n, bits, words, group, perPhase, gridLength, f;
    private final int[] start, off, shift;   // weight terms of each output channel
    private final long[] wt;
    private final int[] xOff, xShift;        // the all-ones terms that give X
    private final long[] xWt;

    PlanarBitConv(Layout in, int bits, int outC, int kh, int kw, int s, int pad, int oh, int ow, int weightBits,
                  int[] weights) {
        super(in);
        this.bits = bits;
        this.words = in.c <= 32 ? 1 : (in.c + 63) >>> 6;
        this.group = in.c <= 32 ? 64 / in.c : 1;
        this.perPhase = bits * words;
        this.g = new ConvGrid(in.c, in.h, in.w, kh, kw, s, pad, oh, ow, perPhase);
        this.outC = outC;
        this.n = g.positions();
        this.gridLength = s * s * perPhase * g.pp;
        this.out = g.outLayout(outC);
        this.f = weightBits == 1 ? 1 : 3;
        int fanIn = kh * kw * in.c;
        List<long[]> terms = new ArrayList<>(); // {offset, word, shift}
        List<long[]> all = new ArrayList<>();
        start = new int[outC + 1];
        for (int o = 0; o < outC; o++) {
            start[o] = all.size();
            terms.clear();
            for (int p = 0; p < weightBits; p++) {
                int plane = p, row = o;
                // shift + 1: the terms add up 2*T directly
                addTerms(terms, (ky, kx, ch) -> planeBit(weights[row * fanIn + (ky * kw + kx) * in.c + ch], weightBits, plane),
                        weightBits - p);
            }
            padToFours(terms);
            all.addAll(terms);
        }
        start[outC] = all.size();
        off = ints(all, 0);
        wt = longs(all, 1);
        shift = ints(all, 2);
        terms.clear();
        addTerms(terms, (ky, kx, ch) -> true, 0);
        padToFours(terms);
        xOff = ints(terms, 0);
        xWt = longs(terms, 1);
        xShift = ints(terms, 2);
    }

    interface TapBit {
        boolean set(int ky, int kx, int ch);
    }

    /** Bit of weight plane p (0 = h, 1 = l for 2-bit weights) of an integer weight. */
    private static boolean planeBit(int w, int weightBits, int p) {
        if (weightBits == 1) {
            return w > 0;
        }
        int code = (w + 3) >> 1; // -3, -1, 1, 3 -> 0..3 = 2*h + l
        return p == 0 ? (code & 2) != 0 : (code & 1) != 0;
    }

    /** The terms of one weight plane for every input bit, as {offset, word, shift + b}; all-zero words add nothing. */
    private void addTerms(List<long[]> terms, TapBit bit, int extraShift) {
        int s = g.s, c = in.c;
        for (int py = 0; py < s && py < g.kh; py++) {
            for (int px = 0; px < s && px < g.kw; px++) {
                int na = (g.kh - py + s - 1) / s, nj = (g.kw - px + s - 1) / s;
                for (int a = 0; a < na; a++) {
                    int ky = py + s * a;
                    for (int j0 = 0; j0 < nj; j0 += group) {
                        for (int k = 0; k < words; k++) {
                            long word = 0;
                            for (int j = j0; j < Math.min(j0 + group, nj); j++) {
                                for (int ch = 64 * k; ch < Math.min(c, 64 * k + 64); ch++) {
                                    if (bit.set(ky, px + s * j, ch)) {
                                        word |= 1L << ((j - j0) * c + ch - 64 * k);
                                    }
                                }
                            }
                            if (word == 0) {
                                continue;
                            }
                            for (int b = 0; b < bits; b++) {
                                int o = g.planeStart(py, px, perPhase, b * words + k) + a * g.pw + j0;
                                terms.add(new long[] {o, word, b + extraShift});
                            }
                        }
                    }
                }
            }
        }
    }

    /** Pads a term list to at least four terms with terms that add 0 (word 0): the first call takes four. */
    private static void padToFours(List<long[]> terms) {
        while (terms.size() < 4) {
            terms.add(new long[] {0, 0, 0});
        }
    }

    private static int[] ints(List<long[]> rows, int i) {
        int[] out = new int[rows.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = (int) rows.get(r)[i];
        }
        return out;
    }

    private static long[] longs(List<long[]> rows, int i) {
        long[] out = new long[rows.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = rows.get(r)[i];
        }
        return out;
    }

    private static final class Scratch {
        final int[] pixels;   // C <= 32: one int per pixel and plane, grouped into grid words by VectorLoops.group
        final long[] grid;
        final int[] x;
        final long[] wideX;

        Scratch(int length, int group, int n) {
            pixels = group > 1 ? new int[length + group] : null;
            grid = new long[length]; // the padding is never written: it stays 0
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
        return new Scratch(gridLength, group, n);
    }

    @Override
    void run(int[] src, int[] dst, Object scratch) {
        run(src, dst, scratch, 0, 0);
    }

    /** With prs, pcs &gt; 0 the input is read through a fused 2x2 max pool (see {@link VectorLoops#level}). */
    public void run(int[] src, int[] dst, Object scratch, int prs, int pcs) {
        Scratch sc = (Scratch) scratch;
        Layout l = in;
        int pp = g.pp;
        if (group > 1) {
            int[] px = sc.pixels;
            for (int y = 0; y < g.h; y++) {
                for (int x = 0; x < g.w; x++) {
                    int gi = g.rowPart[y] + g.colPart[x], si = y * l.rs + x * l.cs;
                    if (bits == 2) { // the common case: both planes in one pass
                        int w0 = 0, w1 = 0;
                        if (prs == 0) {
                            for (int ch = 0, i = si; ch < g.c; ch++, i += l.ps) {
                                int v = src[i];
                                w0 |= (v & 1) << ch;
                                w1 |= ((v >>> 1) & 1) << ch;
                            }
                        } else {
                            for (int ch = 0, i = si; ch < g.c; ch++, i += l.ps) {
                                int v = Math.max(Math.max(src[i], src[i + pcs]), Math.max(src[i + prs], src[i + prs + pcs]));
                                w0 |= (v & 1) << ch;
                                w1 |= ((v >>> 1) & 1) << ch;
                            }
                        }
                        px[gi] = w0;
                        px[gi + pp] = w1;
                        continue;
                    }
                    for (int b = 0; b < bits; b++) {
                        int wv = 0;
                        for (int ch = 0; ch < g.c; ch++) {
                            wv |= ((VectorLoops.level(src, si + ch * l.ps, prs, pcs) >>> b) & 1) << ch;
                        }
                        px[gi + b * pp] = wv;
                    }
                }
            }
            VectorLoops.group(sc.grid, px, gridLength, g.c, group);
        } else {
            long[] grid = sc.grid;
            for (int y = 0; y < g.h; y++) {
                for (int x = 0; x < g.w; x++) {
                    int gi = g.rowPart[y] + g.colPart[x], si = y * l.rs + x * l.cs;
                    for (int k = 0; k < words; k++) {
                        int c0 = 64 * k, c1 = Math.min(g.c, c0 + 64);
                        for (int b = 0; b < bits; b++) {
                            long wv = 0;
                            for (int ch = c0; ch < c1; ch++) {
                                wv |= (long) ((VectorLoops.level(src, si + ch * l.ps, prs, pcs) >>> b) & 1) << ch;
                            }
                            grid[gi + (b * words + k) * pp] = wv;
                        }
                    }
                }
            }
        }
        java.util.Arrays.fill(sc.x, 0);
        sum(sc.x, 0, sc.grid, xOff, xWt, xShift, 0, xOff.length);
        VectorLoops.widen(sc.wideX, sc.x, 0, n);
        long[] grid = sc.grid;
        for (int o = 0; o < outC; o++) {
            int a = o * n, t = start[o];
            VectorLoops.popSet4(dst, a, grid, off[t], off[t + 1], off[t + 2], off[t + 3], wt[t], wt[t + 1], wt[t + 2],
                    wt[t + 3], shift[t], shift[t + 1], shift[t + 2], shift[t + 3], n);
            sum(dst, a, grid, off, wt, shift, t + 4, start[o + 1]);
            VectorLoops.subtract(dst, a, sc.wideX, 0, f, n);
        }
    }

    /** acc[a..a+n) += the popcount terms t..e, four at a time, then the remaining one to three. */
    private void sum(int[] acc, int a, long[] grid, int[] off, long[] wt, int[] sh, int t, int e) {
        for (; t + 4 <= e; t += 4) {
            VectorLoops.pop4(acc, a, grid, off[t], off[t + 1], off[t + 2], off[t + 3], wt[t], wt[t + 1], wt[t + 2],
                    wt[t + 3], sh[t], sh[t + 1], sh[t + 2], sh[t + 3], n);
        }
        switch (e - t) {
            case 3 -> VectorLoops.pop3(acc, a, grid, off[t], off[t + 1], off[t + 2], wt[t], wt[t + 1], wt[t + 2], sh[t],
                    sh[t + 1], sh[t + 2], n);
            case 2 -> VectorLoops.pop2(acc, a, grid, off[t], off[t + 1], wt[t], wt[t + 1], sh[t], sh[t + 1], n);
            case 1 -> VectorLoops.pop1(acc, a, grid, off[t], wt[t], sh[t], n);
            default -> { }
        }
    }
}
