package io.dot4j.runtime.kernels.baseline;

/**
 * Finds receptive fields whose levels are all 0 (image background, padding, silent channels) in O(1) each, with a
 * summed-area table: levels are never negative, so a window sums to 0 exactly when every level in it is 0, and
 * then every dot product over it is 0 whatever the weights.
 */
final class ZeroWindows {
    private ZeroWindows() {
    }

    /** table[(y)*(w+1) + x] = sum of all levels (all channels) of pixels [0,y) x [0,x); the table has (h+1)*(w+1) entries. */
    static void sumTable(int[] in, int h, int w, int c, long[] table) {
        int tw = w + 1;
        for (int x = 0; x <= w; x++) {
            table[x] = 0;
        }
        for (int y = 0; y < h; y++) {
            long rowSum = 0;
            table[(y + 1) * tw] = 0;
            for (int x = 0; x < w; x++) {
                int p = (y * w + x) * c;
                for (int ch = 0; ch < c; ch++) {
                    rowSum += in[p + ch];
                }
                table[(y + 1) * tw + x + 1] = table[y * tw + x + 1] + rowSum;
            }
        }
    }

    /** Whether the kh x kw window with top-left corner (y0, x0) (may reach into the padding) holds only zeros. */
    static boolean isZero(long[] table, int h, int w, int y0, int x0, int kh, int kw) {
        int ya = Math.max(0, y0), yb = Math.min(h, y0 + kh), xa = Math.max(0, x0), xb = Math.min(w, x0 + kw);
        if (ya >= yb || xa >= xb) {
            return true; // the window lies entirely in the padding
        }
        int tw = w + 1;
        return table[yb * tw + xb] - table[ya * tw + xb] - table[yb * tw + xa] + table[ya * tw + xa] == 0;
    }
}
