package io.dot4j.runtime.kernels;

/** Per-channel thresholds by binary search over each channel's sorted thresholds. */
final class ThresholdStep extends Step {
    private final int channels, n;
    private final int[] t;
    private final boolean[] negative;

    ThresholdStep(int channels, int n, int[] thresholds, boolean[] negative) {
        this.channels = channels;
        this.n = n;
        this.t = thresholds;
        this.negative = negative;
    }

    @Override
    int[] apply(int[] in, Object scratch) {
        int[] out = new int[in.length];
        for (int i = 0, c = 0; i < in.length; i++) {
            out[i] = level(c, in[i]);
            if (++c == channels) {
                c = 0;
            }
        }
        return out;
    }

    int level(int c, int v) {
        int base = c * n, lo = 0, hi = n;
        if (!negative[c]) { // number of t <= v: first index with t > v
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (t[base + mid] <= v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
        while (lo < hi) { // number of t >= v: n minus the first index with t >= v
            int mid = (lo + hi) >>> 1;
            if (t[base + mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return n - lo;
    }
}
