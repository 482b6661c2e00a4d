package io.dot4j.runtime.kernels;

/**
 * Per-channel thresholds: a branch-free count over short threshold lists (k &lt;= 4 bits, up to 15 thresholds),
 * a binary search over longer ones. A negative channel counts thresholds t &gt;= v; storing its thresholds negated
 * and reversed turns that into the positive rule (count of -t &lt;= -v), so one loop serves both signs.
 * Mirrored values are longs, so negating Integer.MIN_VALUE cannot overflow.
 */
final class ThresholdStep extends Step {
    private final int channels, n;
    private final int[] t;         // as given, channel-major
    private final long[] mirrored;  // per channel: positive channels as given, negative ones as -t reversed
    private final boolean[] negative;

    ThresholdStep(int channels, int n, int[] thresholds, boolean[] negative) {
        this.channels = channels;
        this.n = n;
        this.t = thresholds;
        this.negative = negative;
        this.mirrored = new long[thresholds.length];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                int v = thresholds[c * n + i];
                if (negative[c]) {
                    mirrored[c * n + n - 1 - i] = -(long) v;
                } else {
                    mirrored[c * n + i] = v;
                }
            }
        }
    }

    @Override
    int[] apply(int[] in, Object scratch) {
        int[] out = new int[in.length];
        for (int p = 0; p < in.length; p += channels) {
            for (int c = 0; c < channels; c++) {
                out[p + c] = level(c, in[p + c]);
            }
        }
        return out;
    }

    int level(int c, int v) {
        long key = negative[c] ? -(long) v : v;
        int base = c * n;
        if (n <= 15) {
            int count = 0;
            for (int i = 0; i < n; i++) {
                count += mirrored[base + i] <= key ? 1 : 0;
            }
            return count;
        }
        int lo = 0, hi = n; // number of entries <= key: first index with entry > key
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (mirrored[base + mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
