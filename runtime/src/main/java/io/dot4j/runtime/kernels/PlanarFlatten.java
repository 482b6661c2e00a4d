package io.dot4j.runtime.kernels;

/**
 * Flatten: gathers the elements into channel-last order, the order of a (C*H*W,1,1) tensor. A 2x2 max pool before
 * it is fused into the gather (each element read as its window's maximum), which saves the pool's own pass.
 */
final class PlanarFlatten extends PlanarStage implements PlanarStage.PoolFusable {
    PlanarFlatten(Layout in) {
        super(in);
        this.out = Layout.channelLast(in.c * in.h * in.w, 1, 1);
    }

    @Override
    int outLength() {
        return in.c * in.h * in.w;
    }

    @Override
    void run(int[] src, int[] dst, Object scratch) {
        in.gather(src, dst);
    }

    /** With prs, pcs &gt; 0 the input is read through a fused 2x2 max pool (see {@link VectorLoops#level}). */
    @Override
    public void run(int[] src, int[] dst, Object scratch, int prs, int pcs) {
        if (prs == 0) {
            in.gather(src, dst);
            return;
        }
        int i = 0;
        for (int y = 0; y < in.h; y++) {
            for (int x = 0; x < in.w; x++) {
                for (int ch = 0, p = y * in.rs + x * in.cs; ch < in.c; ch++, p += in.ps) {
                    dst[i++] = VectorLoops.level(src, p, prs, pcs);
                }
            }
        }
    }
}
