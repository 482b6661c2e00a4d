package io.dot4j.runtime.kernels;

import io.dot4j.runtime.kernels.spi.BitConvKernel;
import io.dot4j.runtime.kernels.spi.BitConvProgram;
import java.util.ArrayList;
import java.util.List;

/**
 * Convolution with 1- or 2-bit weights on few-bit levels by the bit-serial identity (see {@link BitSerialConvStep}),
 * on planar phase grids of 64-bit words: for input bit b, grid word (row, col) holds bit b of the levels of the
 * channels of one padded pixel (64 per word; more words when C &gt; 64), and when C &lt;= 32 the bits of
 * {@code group} = 64/C horizontally adjacent pixels (same phase) side by side, so one word covers several taps.
 * Every (tap word, input bit, weight plane) is a slot (grid offset, shift) of a {@link BitConvProgram}, with one
 * weight word per output channel; a {@link BitConvKernel} (portable, or the Vector API one when present) adds the
 * popcounts along all positions. The bit order inside a word is our choice: the weights are re-packed to match.
 *
 * <p>acc = 2*T - F*X with T = sum of popcount(w &amp; x) &lt;&lt; (b + planes-1-p) (the slots carry one more
 * shift, so they sum to 2*T), X the level sum of the window (a one-row program whose weights are the tap masks,
 * computed once for all channels), F = 1 (1-bit) or 3 (2-bit). A following threshold layer can be fused
 * ({@link #fuseThreshold}): the kernel then writes levels instead of accumulators.
 */
final class PlanarBitConv extends PlanarStage implements PlanarStage.PoolFusable, PlanarStage.ThresholdFusable {
    private final ConvGrid g;
    private final BitConvKernel kernel;
    private final int outC, n, bits, words, group, perPhase, gridLength, f;
    private final BitConvProgram program, xProgram;
    private final BitGrids grids;
    private final int[] slotOff, slotShift; // main program slots before sorting, with their row-major weights
    private final long[] slotWeights;
    private BitConvProgram fused; // with the following thresholds, or null
    private BitConvProgram summed; // with the following thresholds and global sum pool, or null
    private PlanarThreshold inThreshold; // channel-last thresholds read through the kernel's thresholdPack, or null
    private int[] inKeys;                // their thresholds, threshold-major
    private byte[] pixelLo, pixelHi;     // for pixels: the same thresholds as unsigned byte ranges, or null

    PlanarBitConv(Layout in, int bits, int outC, int kh, int kw, int s, int pad, int oh, int ow, int weightBits,
                  int[] weights, BitConvKernel kernel) {
        super(in);
        this.kernel = kernel;
        this.bits = bits;
        this.words = in.c <= 32 ? 1 : (in.c + 63) >>> 6;
        this.group = in.c <= 32 ? 64 / in.c : 1;
        this.perPhase = bits * words;
        this.g = new ConvGrid(in.c, in.h, in.w, kh, kw, s, pad, oh, ow, perPhase);
        this.outC = outC;
        int m = kernel.positionMultiple();
        this.n = (g.positions() + m - 1) / m * m;
        this.gridLength = s * s * perPhase * g.pp;
        this.out = new Layout(outC, oh, ow, n, g.pw, 1);
        this.f = weightBits == 1 ? 1 : 3;
        int fanIn = kh * kw * in.c;
        // tap words: {plane offset without the bit, word mask}, then one slot per (tap word, bit, weight plane)
        List<long[]> taps = tapWords();
        int slots = taps.size() * bits * weightBits;
        slotOff = new int[slots];
        slotShift = new int[slots];
        slotWeights = new long[outC * slots];
        int[] xOff = new int[taps.size() * bits], xShift = new int[xOff.length];
        long[] xW = new long[xOff.length];
        int si = 0, xi = 0;
        for (long[] t : taps) {
            for (int b = 0; b < bits; b++) {
                int o = (int) t[0] + b * words * g.pp;
                xOff[xi] = o;
                xShift[xi] = b;
                xW[xi++] = t[1];
                for (int p = 0; p < weightBits; p++) {
                    slotOff[si] = o;
                    slotShift[si] = b + weightBits - p; // + 1: the slots add up to 2*T
                    for (int r = 0; r < outC; r++) {
                        slotWeights[r * slots + si] = weightWord(weights, r * fanIn, t, kw, weightBits, p);
                    }
                    si++;
                }
            }
        }
        grids = new BitGrids(in, g, bits, words, group, gridLength, kernel);
        program = new BitConvProgram(outC, slotOff, slotShift, slotWeights, n, n, 1, f, 0, null, null);
        xProgram = new BitConvProgram(1, xOff, xShift, xW, n, n, 1, 0, 0, null, null);
    }

    /**
     * The tap words of phase grid plane 0 (bit 0, word k): {offset, mask, py, px, a, j0, k} with the mask's bit
     * (j - j0) * C + ch - 64k set for every tap column j and channel ch it covers.
     */
    private List<long[]> tapWords() {
        List<long[]> out = new ArrayList<>();
        int s = g.s, c = in.c;
        for (int py = 0; py < s && py < g.kh; py++) {
            for (int px = 0; px < s && px < g.kw; px++) {
                int na = (g.kh - py + s - 1) / s, nj = (g.kw - px + s - 1) / s;
                for (int a = 0; a < na; a++) {
                    for (int j0 = 0; j0 < nj; j0 += group) {
                        for (int k = 0; k < words; k++) {
                            long mask = 0;
                            for (int j = j0; j < Math.min(j0 + group, nj); j++) {
                                for (int ch = 64 * k; ch < Math.min(c, 64 * k + 64); ch++) {
                                    mask |= 1L << ((j - j0) * c + ch - 64 * k);
                                }
                            }
                            int o = g.planeStart(py, px, perPhase, k) + a * g.pw + j0;
                            out.add(new long[] {o, mask, py, px, a, j0, k});
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Weight plane p's bits of one output channel under a tap word's mask, in the word's bit order. */
    private long weightWord(int[] weights, int rowStart, long[] t, int kw, int weightBits, int p) {
        int s = g.s, c = in.c, py = (int) t[2], px = (int) t[3], a = (int) t[4], j0 = (int) t[5], k = (int) t[6];
        int nj = (g.kw - px + s - 1) / s, ky = py + s * a;
        long word = 0;
        for (int j = j0; j < Math.min(j0 + group, nj); j++) {
            int kx = px + s * j;
            for (int ch = 64 * k; ch < Math.min(c, 64 * k + 64); ch++) {
                if (planeBit(weights[rowStart + (ky * kw + kx) * c + ch], weightBits, p)) {
                    word |= 1L << ((j - j0) * c + ch - 64 * k);
                }
            }
        }
        return word;
    }

    /** Bit of weight plane p (0 = h, 1 = l for 2-bit weights) of an integer weight. */
    private static boolean planeBit(int w, int weightBits, int p) {
        if (weightBits == 1) {
            return w > 0;
        }
        int code = (w + 3) >> 1; // -3, -1, 1, 3 -> 0..3 = 2*h + l
        return p == 0 ? (code & 2) != 0 : (code & 1) != 0;
    }

    /**
     * Makes {@link #runThresholded} available: the kernel applies {@code t}'s thresholds to every accumulator as it
     * is computed (only thresholds that count branch-free, see {@link PlanarThreshold#counting()}, and only on kernels
     * that ask for it, see {@link BitConvKernel#fusesThresholds()}).
     */
    void fuseThreshold(PlanarThreshold t) {
        if (!t.counting() || !kernel.fusesThresholds()) {
            return;
        }
        fused = new BitConvProgram(outC, slotOff, slotShift, slotWeights, n, n, 1, f, t.perChannel(), t.masks(),
                t.keys());
    }

    /**
     * Makes {@link #runSummed} available: after {@link #fuseThreshold} took the thresholds, a following global sum
     * pool is fused too (the kernel sums each channel's levels over the valid positions; kernels that say
     * {@link BitConvKernel#sumsLevels()} only).
     */
    void fuseSum() {
        if (fused == null || !kernel.sumsLevels()) {
            return;
        }
        int[] valid = new int[n];
        for (int p = 0; p < g.oh * g.pw; p++) {
            valid[p] = p % g.pw < g.ow ? -1 : 0;
        }
        summed = new BitConvProgram(outC, slotOff, slotShift, slotWeights, n, n, 1, f, fused.levels, fused.keyMask,
                fused.key, valid);
    }

    /** Whether {@link #fuseSum} took the following global sum pool. */
    boolean fusesSum() {
        return summed != null;
    }

    /**
     * Lets this stage read the accumulators before the channel-last thresholds {@code t} (which feed it directly) and
     * have the kernel threshold and pack each pixel's channels at once ({@link BitConvKernel#thresholdPack}), when
     * the kernel can.
     */
    void fuseInputThreshold(PlanarThreshold t) {
        if (t.transposes() && t.counting() && words == 1 && kernel.packsThresholds(in.c, t.perChannel())) {
            inThreshold = t;
            inKeys = t.keysByThreshold();
            if (group == 1 && g.s == 1 && kernel.packsPixelRows(in.c, t.perChannel())) {
                pixelRanges(t.maskTable(), t.perChannel());
            }
        }
    }

    /**
     * The input thresholds as unsigned byte ranges for pixels (0..255): with key = v ^ mask, key &gt;= k is v &gt;= k
     * for a positive channel and v &lt;= -k-1 for a negative one (mask -1); a range that no pixel meets is (255, 254).
     */
    private void pixelRanges(int[] masks, int levels) {
        int c = in.c;
        pixelLo = new byte[levels * c];
        pixelHi = new byte[levels * c];
        for (int t = 0; t < levels; t++) {
            for (int ch = 0; ch < c; ch++) {
                long k = inKeys[t * c + ch], lo, hi;
                if (masks[ch] == 0) {
                    lo = Math.max(0, k);
                    hi = 255;
                } else {
                    lo = 0;
                    hi = Math.min(255, -k - 1);
                }
                if (lo > hi) {
                    lo = 255;
                    hi = 254;
                }
                pixelLo[t * c + ch] = (byte) lo;
                pixelHi[t * c + ch] = (byte) hi;
            }
        }
    }

    /** The thresholds fused into this stage's input, or null. */
    PlanarThreshold inputThreshold() {
        return inThreshold;
    }

    /**
     * The convolution of the accumulators before {@link #inputThreshold()} (channel-last, no pool): {@code src} is
     * an {@code int[]}, or the model's input pixels as a {@code byte[]} (read unsigned).
     */
    void runFromAccumulators(Object src, int[] dst, Object scratch, boolean outputThreshold) {
        Scratch sc = (Scratch) scratch;
        packAccumulators(src, sc);
        convolve(sc, outputThreshold ? fused : program, dst);
    }

    /**
     * {@link #runFromAccumulators} with the following thresholds and global sum pool fused ({@link #fusesSum()}):
     * writes the sums to {@code sums[0 .. outC)}; {@code work} (this stage's own output buffer) is scratch.
     */
    void runFromAccumulatorsSummed(Object src, int[] work, int[] sums, Object scratch) {
        Scratch sc = (Scratch) scratch;
        packAccumulators(src, sc);
        convolve(sc, summed, work);
        System.arraycopy(work, 0, sums, 0, outC);
    }

    /** Like {@link #runThresholded} with the following global sum pool fused too (see {@link #runFromAccumulatorsSummed}). */
    void runSummed(int[] src, int[] work, int[] sums, Object scratch, int prs, int pcs) {
        compute(src, work, (Scratch) scratch, prs, pcs, summed);
        System.arraycopy(work, 0, sums, 0, outC);
    }

    /** Thresholds and packs the accumulators (or pixels) before {@link #inputThreshold()} into the grid. */
    private void packAccumulators(Object src, Scratch sc) {
        Layout l = inThreshold.in;
        int[] masks = inThreshold.maskTable();
        int levels = inThreshold.perChannel();
        long[] grid = sc.grid, win = sc.window;
        int[] px = sc.pixels, ints = src instanceof int[] ? (int[]) src : null;
        byte[] bytes = ints == null ? (byte[]) src : null;
        if (bytes != null && pixelLo != null) {
            // a row of pixels per call, straight into the grid (stride 1, one word per pixel: consecutive)
            for (int y = 0; y < g.h; y++) {
                kernel.packPixelRow(bytes, l.index(0, y, 0), g.w, g.c, pixelLo, pixelHi, levels, grid,
                        g.rowPart[y] + g.colPart[0], g.pp);
            }
            return;
        }
        for (int y = 0; y < g.h; y++) {
            for (int x = 0; x < g.w; x++) {
                int gi = g.rowPart[y] + g.colPart[x];
                if (ints != null) {
                    kernel.thresholdPack(ints, l.index(0, y, x), g.c, masks, inKeys, g.c, 0, levels, win);
                } else {
                    kernel.thresholdPack(bytes, l.index(0, y, x), g.c, masks, inKeys, g.c, 0, levels, win);
                }
                for (int b = 0; b < bits; b++) {
                    if (group > 1) {
                        px[gi + b * g.pp] = (int) win[b];
                    } else {
                        grid[gi + b * g.pp] = win[b];
                    }
                }
            }
        }
        if (group > 1) {
            VectorLoops.group(sc.grid, px, gridLength, g.c, group);
        }
    }

    /**
     * Binary word operations (rows x slots x positions) from which a program is split between two threads when a
     * {@link TileHelper} is attached: below it the hand-off costs about what the second thread saves.
     */
    static final long SPLIT_WORDS = Long.getLong("dot4j.splitWords", 100_000);

    /** The window sums, then {@code prog} on the packed grid (its row tiles split with the helper when worth it). */
    private void convolve(Scratch sc, BitConvProgram prog, int[] dst) {
        kernel.run(xProgram, sc.grid, null, sc.x, 0);
        VectorLoops.widen(sc.wideX, sc.x, 0, n);
        if (sc.helper != null && kernel.splitsTiles() && (long) prog.rows * prog.slots * prog.positions >= SPLIT_WORDS) {
            TileRangeRun r = sc.split;
            r.prog = prog;
            r.grid = sc.grid;
            r.x = sc.wideX;
            r.dst = dst;
            sc.helper.split(prog.tiles(), r);
            if (prog.sumMask != null) {
                System.arraycopy(sc.rowSums, 0, dst, 0, prog.rows);
            }
            return;
        }
        kernel.run(prog, sc.grid, sc.wideX, dst, 0);
    }

    @Override
    void attachHelper(Object scratch, TileHelper helper) {
        ((Scratch) scratch).helper = helper;
    }

    @Override
    public boolean fusesThreshold() {
        return fused != null;
    }

    static final class Scratch {
        final int[] pixels;   // C <= 32: one int per pixel and plane, grouped into grid words by VectorLoops.group
        final long[] grid;
        final int[] x;
        final long[] wideX;
        final long[] window = new long[4]; // one pixel's words per bit
        private long[][] packed = new long[0][];

        /** planes x len packed words, reused between images. */
        long[][] packed(int planes, int len) {
            if (packed.length != planes || packed[0].length < len) {
                packed = new long[planes][len];
            }
            return packed;
        }

        final int[] rowSums;  // a split summed program's level sums per row
        final TileRangeRun split;
        TileHelper helper;    // null: this image runs on the calling thread alone

        Scratch(int length, int group, int n, int rows, BitConvKernel kernel) {
            pixels = group > 1 ? new int[length + group] : null;
            grid = new long[length + n]; // the padding and the tail (read by junk positions) are never written: 0
            x = new int[n];
            wideX = new long[n];
            rowSums = new int[rows];
            split = new TileRangeRun(kernel, rowSums);
        }
    }

    @Override
    int outLength() {
        return outC * n;
    }

    @Override
    Object newScratch() {
        return new Scratch(gridLength, group, n, outC, kernel);
    }

    @Override
    void run(int[] src, int[] dst, Object scratch) {
        run(src, dst, scratch, 0, 0);
    }

    /** With prs, pcs &gt; 0 the input is read through a fused 2x2 max pool (see {@link VectorLoops#level}). */
    public void run(int[] src, int[] dst, Object scratch, int prs, int pcs) {
        compute(src, dst, (Scratch) scratch, prs, pcs, program);
    }

    @Override
    public void runThresholded(int[] src, int[] dst, Object scratch, int prs, int pcs) {
        compute(src, dst, (Scratch) scratch, prs, pcs, fused);
    }

    private void compute(int[] src, int[] dst, Scratch sc, int prs, int pcs, BitConvProgram prog) {
        // through a pool, packing every position would do 4x the work (measured slower): gather pixel by pixel
        if (prs == 0 && grids.packable()) {
            grids.packPlanar(src, sc, in);
        } else {
            grids.gather(src, sc, in, prs, pcs);
        }
        convolve(sc, prog, dst);
    }
}
