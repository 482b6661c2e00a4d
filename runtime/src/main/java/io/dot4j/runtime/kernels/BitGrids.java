package io.dot4j.runtime.kernels;

import io.dot4j.runtime.kernels.spi.BitConvKernel;

/**
 * Builds the bit grids of a {@link PlanarBitConv} from its planar or channel-last input: bit b of the levels of the
 * channels of a pixel per grid word (grouped when C &lt;= 32, see {@link VectorLoops#group}), either packing every
 * position at once with vectorizable loops, or pixel by pixel (channel-last inputs, inputs read through a 2x2 pool,
 * which the kernel may pool and pack a row at a time).
 */
final class BitGrids {
    private final Layout in;
    private final ConvGrid g;
    private final int bits, words, group, gridLength;
    private final BitConvKernel kernel;

    BitGrids(Layout in, ConvGrid g, int bits, int words, int group, int gridLength, BitConvKernel kernel) {
        this.in = in;
        this.g = g;
        this.bits = bits;
        this.words = words;
        this.group = group;
        this.gridLength = gridLength;
        this.kernel = kernel;
    }

    /**
     * Whether the input is planar (channels do not interleave), so that every index of every channel can be packed
     * into bit words by vectorized loops ({@link #packPlanar}), whatever the strides.
     */
    boolean packable() {
        return in.c == 1 || in.ps >= in.channelExtent();
    }

    /**
     * Packs every position of every channel at once (bit b of 64 channels per word, loops along positions that C2
     * vectorizes), then copies each pixel's words into the grid.
     */
    void packPlanar(int[] src, PlanarBitConv.Scratch sc, Layout l) {
        int len = l.c == 1 ? l.channelExtent() : l.ps;
        long[][] pk = sc.packed(bits * words, len);
        for (long[] plane : pk) {
            java.util.Arrays.fill(plane, 0, len, 0L);
        }
        for (int ch = 0; ch < g.c; ch++) {
            int k = ch >>> 6, sh = ch & 63;
            if (bits == 2) {
                VectorLoops.packBits2(pk[k], pk[words + k], src, ch * l.ps, len, sh);
            } else {
                for (int b = 0; b < bits; b++) {
                    VectorLoops.packBit(pk[b * words + k], src, ch * l.ps, len, b, sh);
                }
            }
        }
        int pp = g.pp;
        int[] px = sc.pixels;
        long[] grid = sc.grid, win = sc.window;
        for (int y = 0; y < g.h; y++) {
            for (int x = 0; x < g.w; x++) {
                int gi = g.rowPart[y] + g.colPart[x], si = y * l.rs + x * l.cs;
                for (int k = 0; k < words; k++) {
                    for (int b = 0; b < bits; b++) {
                        win[b] = pk[b * words + k][si];
                    }
                    for (int b = 0; b < bits; b++) {
                        if (group > 1) {
                            px[gi + b * pp] = (int) win[b];
                        } else {
                            grid[gi + (b * words + k) * pp] = win[b];
                        }
                    }
                }
            }
        }
        if (group > 1) {
            VectorLoops.group(sc.grid, px, gridLength, g.c, group);
        }
    }

    /** The grid built pixel by pixel and channel by channel (channel-last inputs, strided pools). */
    void gather(int[] src, PlanarBitConv.Scratch sc, Layout l, int prs, int pcs) {
        int pp = g.pp;
        if (group > 1 && prs > 0 && pcs == 1 && l.cs == 2 && g.s == 1 && kernel.packsPooled(g.c, bits)) {
            // a 2x2 stride-2 pool of a planar input: the kernel pools and packs a row of pixels at once
            int[] px = sc.pixels;
            for (int y = 0; y < g.h; y++) {
                kernel.poolPack(src, y * l.rs, l.ps, prs, g.w, g.c, bits, px, g.rowPart[y] + g.colPart[0], pp);
            }
            VectorLoops.group(sc.grid, px, gridLength, g.c, group);
            return;
        }
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
    }
}
