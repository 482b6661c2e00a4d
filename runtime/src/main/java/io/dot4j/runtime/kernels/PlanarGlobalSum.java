package io.dot4j.runtime.kernels;

/**
 * Per-channel sum of levels; the output is channel-last (C,1,1). When a channel's rows are contiguous with only a few
 * junk columns between them (a convolution's padded grid), the whole span is summed in one vectorized pass and the
 * junk columns are subtracted: row loops of 14 elements barely vectorize and measured 5x slower.
 */
final class PlanarGlobalSum extends PlanarStage {
    private final boolean span;

    PlanarGlobalSum(Layout in) {
        super(in);
        this.out = Layout.channelLast(in.c, 1, 1);
        this.span = in.cs == 1 && in.h > 1 && 2 * (in.rs - in.w) <= in.w;
    }

    @Override
    int outLength() {
        return in.c;
    }

    @Override
    void run(int[] src, int[] dst, Object scratch) {
        int ext = in.channelExtent();
        for (int c = 0; c < in.c; c++) {
            int s = 0;
            if (span) {
                // int sums wrap, so adding the junk and taking it away again is exact
                int from = c * in.ps;
                s = VectorLoops.sum(src, from, ext);
                for (int y = 0, j = from + in.w; y < in.h - 1; y++, j += in.rs) {
                    for (int x = j; x < j + in.rs - in.w; x++) {
                        s -= src[x];
                    }
                }
            } else {
                for (int y = 0; y < in.h; y++) {
                    for (int x = 0, i = c * in.ps + y * in.rs; x < in.w; x++, i += in.cs) {
                        s += src[i];
                    }
                }
            }
            dst[c] = s;
        }
    }
}
