package io.dot4j.runtime.kernels;

/**
 * Thresholds on a planar tensor, one channel's whole grid at a time. With keys v ^ mask and flipped thresholds
 * (as in {@link ThresholdStep}) a level is the number of thresholds &lt;= key; when every accumulator is known to lie
 * in [-bound, bound] with bound &lt;= 2^29, thresholds are clamped to [-bound-1, bound+1] (which changes no level)
 * and counted branch-free by the sign of key - t, which cannot overflow and which C2 vectorizes. Otherwise (wide
 * accumulators, or more than 15 thresholds) each value takes a binary search.
 */
final class PlanarThreshold extends PlanarStage {
    static final long COUNT_BOUND = 1L << 29;
    private final int n, length;
    private final boolean counting;
    private final int[] flipped; // [c][i]: clamped, flipped for negative channels (thresholds in key space)
    private final int[] mask;
    private final ThresholdStep search;

    PlanarThreshold(Layout in, int inLength, int n, int[] thresholds, boolean[] negative, long bound) {
        super(in);
        this.out = in;
        this.n = n;
        this.length = inLength;
        this.counting = n <= 15 && bound <= COUNT_BOUND;
        this.search = new ThresholdStep(in.c, n, thresholds, negative);
        this.mask = new int[in.c];
        this.flipped = new int[thresholds.length];
        for (int c = 0; c < in.c; c++) {
            mask[c] = negative[c] ? -1 : 0;
            for (int i = 0; i < n; i++) {
                long t = Math.max(-bound - 1, Math.min(bound + 1, thresholds[c * n + i]));
                flipped[c * n + i] = (int) t ^ mask[c];
            }
        }
    }

    /** Whether every level is counted branch-free (thresholds clamped to the accumulator range, at most 15). */
    boolean counting() {
        return counting;
    }

    int perChannel() {
        return n;
    }

    /** Key masks per channel (-1 for negative channels). */
    int[] masks() {
        return mask.clone();
    }

    /** Clamped, flipped thresholds per channel, channel-major. */
    int[] keys() {
        return flipped.clone();
    }

    @Override
    int outLength() {
        return length;
    }

    @Override
    void run(int[] src, int[] dst, Object scratch) {
        int len = in.channelExtent();
        if (in.c > 1 && in.ps < len) { // channels interleave (channel-last input): element by element
            for (int y = 0; y < in.h; y++) {
                for (int x = 0; x < in.w; x++) {
                    for (int c = 0; c < in.c; c++) {
                        int i = in.index(c, y, x);
                        dst[i] = search.level(c, src[i]);
                    }
                }
            }
            return;
        }
        for (int c = 0; c < in.c; c++) {
            int from = c * in.ps, t = c * n;
            if (!counting) {
                for (int i = from; i < from + len; i++) {
                    dst[i] = search.level(c, src[i]);
                }
            } else if (n == 3) {
                VectorLoops.count3(dst, src, from, len, mask[c], flipped[t], flipped[t + 1], flipped[t + 2]);
            } else {
                VectorLoops.count1(dst, src, from, len, mask[c], flipped[t]);
                for (int i = 1; i < n; i++) {
                    VectorLoops.countMore(dst, src, from, len, mask[c], flipped[t + i]);
                }
            }
        }
    }
}
