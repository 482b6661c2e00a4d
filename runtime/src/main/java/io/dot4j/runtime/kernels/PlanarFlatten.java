package io.dot4j.runtime.kernels;

/** Flatten: gathers the elements into channel-last order, the order of a (C*H*W,1,1) tensor. */
final class PlanarFlatten extends PlanarStage {
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
}
