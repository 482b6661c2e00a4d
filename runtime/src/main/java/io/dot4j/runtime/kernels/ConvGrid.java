package io.dot4j.runtime.kernels;

/**
 * The geometry shared by the planar convolutions. The zero-padded input is split into stride x stride phase grids
 * (phase (py, px) holds the padded pixels whose row is py mod stride and column px mod stride), each {@code gh}
 * rows of {@code pw} columns. Tap (ky, kx) of output (oy, ox) is then phase (ky mod s, kx mod s) at row
 * oy + ky/s, column ox + kx/s: for every tap the outputs read one contiguous run of the grid, at a fixed offset.
 * Outputs are computed on the same {@code pw}-wide grid (columns from ow on are junk and never read); one spare
 * row keeps the junk reads in bounds.
 */
final class ConvGrid {
    final int c, h, w, kh, kw, s, pad, oh, ow, pw, gh, pp;
    final int[] rowPart, colPart; // grid index of input row y / column x, without the phase-plane factor

    /**
     * @param planesPerPhase number of pp-sized planes per phase (channels, or bits*words for bit grids)
     */
    ConvGrid(int c, int h, int w, int kh, int kw, int s, int pad, int oh, int ow, int planesPerPhase) {
        this.c = c;
        this.h = h;
        this.w = w;
        this.kh = kh;
        this.kw = kw;
        this.s = s;
        this.pad = pad;
        this.oh = oh;
        this.ow = ow;
        this.pw = (w + 2 * pad + s - 1) / s;
        this.gh = (h + 2 * pad + s - 1) / s + 1;
        this.pp = gh * pw;
        rowPart = new int[h];
        colPart = new int[w];
        for (int y = 0; y < h; y++) {
            int yy = y + pad;
            rowPart[y] = (yy % s) * s * planesPerPhase * pp + (yy / s) * pw;
        }
        for (int x = 0; x < w; x++) {
            int xx = x + pad;
            colPart[x] = (xx % s) * planesPerPhase * pp + xx / s;
        }
    }

    /** Positions computed per output channel: oh full grid rows. */
    int positions() {
        return oh * pw;
    }

    /** Start of plane {@code plane} of phase (py, px). */
    int planeStart(int py, int px, int planesPerPhase, int plane) {
        return ((py * s + px) * planesPerPhase + plane) * pp;
    }

    Layout outLayout(int outC) {
        return new Layout(outC, oh, ow, positions(), pw, 1);
    }
}
