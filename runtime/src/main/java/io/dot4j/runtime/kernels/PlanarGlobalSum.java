package io.dot4j.runtime.kernels;

/** Per-channel sum of levels; the output is channel-last (C,1,1). */
final class PlanarGlobalSum extends PlanarStage {
    PlanarGlobalSum(Layout in) {
        super(in);
        this.out = Layout.channelLast(in.c, 1, 1);
    }

    @Override
    int outLength() {
        return in.c;
    }

    @Override
    void run(int[] src, int[] dst, Object scratch) {
        for (int c = 0; c < in.c; c++) {
            int s = 0;
            for (int y = 0; y < in.h; y++) {
                for (int x = 0, i = c * in.ps + y * in.rs; x < in.w; x++, i += in.cs) {
                    s += src[i];
                }
            }
            dst[c] = s;
        }
    }
}
