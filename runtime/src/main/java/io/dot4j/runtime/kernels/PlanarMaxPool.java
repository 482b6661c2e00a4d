package io.dot4j.runtime.kernels;

/**
 * Max pooling that keeps the input's grid: output (c, y, x) is stored at the index of its window's first element,
 * and the output layout is the input's with strides multiplied by the pooling stride. Only the outputs are computed
 * (a scalar loop: a vectorized pass over the whole grid would read the same int[] at shifted indices, which C2 does
 * not vectorize, see {@link VectorLoops}).
 */
final class PlanarMaxPool extends PlanarStage {
    private final int k, length;

    PlanarMaxPool(Layout in, int inLength, int k, int stride, int oh, int ow) {
        super(in);
        this.k = k;
        this.length = inLength;
        this.out = new Layout(in.c, oh, ow, in.ps, in.rs * stride, in.cs * stride);
    }

    /** Whether a following {@link PlanarStage.PoolFusable} stage can do this pooling while reading its input. */
    boolean fusable() {
        return k == 2;
    }

    @Override
    int outLength() {
        return length;
    }

    @Override
    void run(int[] src, int[] dst, Object scratch) {
        Layout o = out;
        int rs = in.rs, cs = in.cs;
        for (int c = 0; c < o.c; c++) {
            for (int y = 0; y < o.h; y++) {
                int i = c * o.ps + y * o.rs;
                for (int x = 0; x < o.w; x++, i += o.cs) {
                    if (k == 2) {
                        dst[i] = Math.max(Math.max(src[i], src[i + cs]), Math.max(src[i + rs], src[i + rs + cs]));
                        continue;
                    }
                    int m = Integer.MIN_VALUE;
                    for (int dy = 0; dy < k; dy++) {
                        for (int dx = 0; dx < k; dx++) {
                            m = Math.max(m, src[i + dy * rs + dx * cs]);
                        }
                    }
                    dst[i] = m;
                }
            }
        }
    }
}
