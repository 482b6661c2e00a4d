package io.dot4j.runtime.kernels.baseline;

import java.util.Arrays;

/**
 * Per-channel thresholds. A negative channel counts thresholds t &gt;= v; since ~x = -x - 1 reverses the order of
 * all ints without overflow, that is the count of ~t &lt;= ~v, the positive rule on flipped values. So each channel
 * stores its thresholds flipped (~t, reversed to stay sorted) or as given, and a key mask (-1 or 0), and every
 * channel then counts entries &lt;= (v ^ mask).
 *
 * <p>Up to 15 thresholds (k &lt;= 4 bits) are counted branch-free with the thresholds transposed ([i][c]), so the
 * inner loop runs over consecutive channels and vectorizes; longer lists use a binary search per value.
 */
final class ThresholdStep extends Step {
    private static final int COUNT_LIMIT = 15;
    private final int channels, n;
    private final int[] sorted;      // [c][i]: per channel, ascending, flipped for negative channels
    private final int[] transposed;  // [i][c]: the same, for the counting loop
    private final int[] keyMask;     // per channel: -1 (negative) or 0

    ThresholdStep(int channels, int n, int[] thresholds, boolean[] negative) {
        this.channels = channels;
        this.n = n;
        this.sorted = new int[thresholds.length];
        this.transposed = new int[thresholds.length];
        this.keyMask = new int[channels];
        for (int c = 0; c < channels; c++) {
            keyMask[c] = negative[c] ? -1 : 0;
            for (int i = 0; i < n; i++) {
                int v = thresholds[c * n + i];
                if (negative[c]) {
                    sorted[c * n + n - 1 - i] = ~v;
                } else {
                    sorted[c * n + i] = v;
                }
            }
            for (int i = 0; i < n; i++) {
                transposed[i * channels + c] = sorted[c * n + i];
            }
        }
    }

    @Override
    Object newScratch() {
        return new int[channels];
    }

    @Override
    int[] apply(int[] in, Object scratch) {
        int[] out = new int[in.length];
        if (n > COUNT_LIMIT) {
            for (int p = 0; p < in.length; p += channels) {
                for (int c = 0; c < channels; c++) {
                    out[p + c] = search(c, in[p + c] ^ keyMask[c]);
                }
            }
            return out;
        }
        int[] key = (int[]) scratch;
        for (int p = 0; p < in.length; p += channels) {
            for (int c = 0; c < channels; c++) {
                key[c] = in[p + c] ^ keyMask[c];
            }
            for (int i = 0; i < n; i++) {
                int row = i * channels;
                for (int c = 0; c < channels; c++) {
                    out[p + c] += transposed[row + c] <= key[c] ? 1 : 0;
                }
            }
        }
        return out;
    }

    /** Level of one value (the rule used by the binary search path; exposed for tests). */
    int level(int c, int v) {
        return search(c, v ^ keyMask[c]);
    }

    /** Number of entries of channel c that are &lt;= key: the first index whose entry is &gt; key. */
    private int search(int c, int key) {
        int base = c * n, lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[base + mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        return "ThresholdStep" + Arrays.toString(new int[] {channels, n});
    }
}
