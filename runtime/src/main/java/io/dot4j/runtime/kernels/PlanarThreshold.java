package io.dot4j.runtime.kernels;

/**
 * Thresholds on a planar tensor, one channel's whole grid at a time. With keys v ^ mask and flipped thresholds
 * (as in {@link ThresholdStep}) a level is the number of thresholds &lt;= key; when every accumulator is known to lie
 * in [-bound, bound] with bound &lt;= 2^29, thresholds are clamped to [-bound-1, bound+1] (which changes no level)
 * and counted branch-free by the sign of key - t, which cannot overflow and which C2 vectorizes. Otherwise (wide
 * accumulators, or more than 15 thresholds) each value takes a binary search. A channel-last input (channels
 * interleave) is written planar, row by row, so that the following kernels run along channels.
 */
final class PlanarThreshold extends PlanarStage {
    static final long COUNT_BOUND = 1L << 29;
    private final int n, length;
    private final boolean counting;
    private final int[] flipped; // [c][i]: clamped, flipped for negative channels (thresholds in key space)
    private final int[] mask;
    private final ThresholdStep search;
    private final boolean transpose;

    PlanarThreshold(Layout in, int inLength, int n, int[] thresholds, boolean[] negative, long bound) {
        super(in);
        // channels that interleave (a channel-last input) are written planar: the next kernels run along channels
        this.transpose = in.c > 1 && in.ps < in.channelExtent();
        this.out = transpose ? new Layout(in.c, in.h, in.w, in.h * in.w, in.w, 1) : in;
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

    /** Whether the output is a planar copy of a channel-last input (see the constructor). */
    boolean transposes() {
        return transpose;
    }

    /** Key masks per channel (shared, read-only). */
    int[] maskTable() {
        return mask;
    }

    /**
     * The flipped thresholds threshold-major and ascending per channel (flipping reverses a negative channel's order;
     * the level, a count, does not depend on it): entry i*C + c is the i-th smallest key of channel c (a new array).
     */
    int[] keysByThreshold() {
        int[] t = new int[flipped.length];
        for (int c = 0; c < in.c; c++) {
            int[] k = java.util.Arrays.copyOfRange(flipped, c * n, c * n + n);
            java.util.Arrays.sort(k);
            for (int i = 0; i < n; i++) {
                t[i * in.c + c] = k[i];
            }
        }
        return t;
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
        if (transpose) {
            // row by row, all channels of a row (it stays in L1) before the next one
            for (int y = 0; y < in.h; y++) {
                for (int c = 0; c < in.c; c++) {
                    int m = mask[c], t = c * n;
                    int i = in.index(c, y, 0), o = out.index(c, y, 0);
                    if (!counting) {
                        for (int x = 0; x < in.w; x++, i += in.cs) {
                            dst[o + x] = search.level(c, src[i]);
                        }
                    } else if (n == 3) {
                        VectorLoops.count3Strided(dst, o, src, i, in.cs, in.w, m, flipped[t], flipped[t + 1], flipped[t + 2]);
                    } else {
                        for (int x = 0; x < in.w; x++, i += in.cs) {
                            int key = src[i] ^ m, level = n;
                            for (int j = t; j < t + n; j++) {
                                level -= (key - flipped[j]) >>> 31;
                            }
                            dst[o + x] = level;
                        }
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
