package io.dot4j.runtime.kernels;

/**
 * The inner loops of the planar kernels, each a method of its own so that C2 compiles and vectorizes it alone:
 * every loop runs along a contiguous range of positions with loop-invariant weights, offsets and thresholds.
 *
 * <p>C2 (JDK 25) vectorizes a loop that stores to an array and loads from an array of the same type only when all
 * their indices are equal (it cannot rule out that the two arrays are one, with overlapping ranges). So the grids
 * that convolutions read at tap offsets are {@code long[]} while accumulators are {@code int[]}: measured 3 to 4
 * times faster than the same loops over {@code int[]} grids, which run scalar.
 */
final class VectorLoops {
    private VectorLoops() {
    }

    /** acc[a+i] += popcount(w0 &amp; g[o0+i]) &lt;&lt; s0 + ... + popcount(w3 &amp; g[o3+i]) &lt;&lt; s3. */
    static void pop4(int[] acc, int a, long[] g, int o0, int o1, int o2, int o3, long w0, long w1, long w2, long w3,
                     int s0, int s1, int s2, int s3, int n) {
        for (int i = 0; i < n; i++) {
            acc[a + i] += (Long.bitCount(w0 & g[o0 + i]) << s0) + (Long.bitCount(w1 & g[o1 + i]) << s1)
                    + (Long.bitCount(w2 & g[o2 + i]) << s2) + (Long.bitCount(w3 & g[o3 + i]) << s3);
        }
    }




    static void pop3(int[] acc, int a, long[] g, int o0, int o1, int o2, long w0, long w1, long w2, int s0, int s1,
                     int s2, int n) {
        for (int i = 0; i < n; i++) {
            acc[a + i] += (Long.bitCount(w0 & g[o0 + i]) << s0) + (Long.bitCount(w1 & g[o1 + i]) << s1)
                    + (Long.bitCount(w2 & g[o2 + i]) << s2);
        }
    }

    static void pop2(int[] acc, int a, long[] g, int o0, int o1, long w0, long w1, int s0, int s1, int n) {
        for (int i = 0; i < n; i++) {
            acc[a + i] += (Long.bitCount(w0 & g[o0 + i]) << s0) + (Long.bitCount(w1 & g[o1 + i]) << s1);
        }
    }

    static void pop1(int[] acc, int a, long[] g, int o0, long w0, int s0, int n) {
        for (int i = 0; i < n; i++) {
            acc[a + i] += Long.bitCount(w0 & g[o0 + i]) << s0;
        }
    }

    /**
     * acc[a+i] = the popcount terms of {@link #pop4}: the first four terms of an output channel. (Subtracting a
     * long[] term here as well stops C2 from vectorizing the loop; {@link #combine} does it after.)
     */
    static void popSet4(int[] acc, int a, long[] g, int o0, int o1, int o2, int o3, long w0, long w1, long w2, long w3,
                        int s0, int s1, int s2, int s3, int n) {
        for (int i = 0; i < n; i++) {
            acc[a + i] = (Long.bitCount(w0 & g[o0 + i]) << s0) + (Long.bitCount(w1 & g[o1 + i]) << s1)
                    + (Long.bitCount(w2 & g[o2 + i]) << s2) + (Long.bitCount(w3 & g[o3 + i]) << s3);
        }
    }

    /** acc[a+i] *= m. */
    static void scale(int[] acc, int a, int m, int n) {
        for (int i = a; i < a + n; i++) {
            acc[i] *= m;
        }
    }

    /**
     * In place: v[i] = the number of the {@code levels} thresholds k[t..t+levels) that are &lt;= v[i] ^ mask (exact
     * under the same clamping as {@link #count3}).
     */
    static void countLevels(int[] v, int from, int n, int mask, int[] k, int t, int levels) {
        if (levels == 1) {
            count1(v, v, from, n, mask, k[t]);
            return;
        }
        for (int i = from; i < from + n; i++) {
            int key = v[i] ^ mask, c = levels;
            for (int j = t; j < t + levels; j++) {
                c -= (key - k[j]) >>> 31;
            }
            v[i] = c;
        }
    }

    /** acc[a+i] -= f*x[xo+i]. */
    static void subtract(int[] acc, int a, long[] x, int xo, int f, int n) {
        for (int i = 0; i < n; i++) {
            acc[a + i] -= f * (int) x[xo + i];
        }
    }

    /** acc[a+i] = w0*g[o0+i] + ... + w3*g[o3+i]: the first four terms of an output channel. */
    static void mulInit4(int[] acc, int a, long[] g, int o0, int o1, int o2, int o3, int w0, int w1, int w2, int w3,
                         int n) {
        for (int i = 0; i < n; i++) {
            acc[a + i] = w0 * (int) g[o0 + i] + w1 * (int) g[o1 + i] + w2 * (int) g[o2 + i] + w3 * (int) g[o3 + i];
        }
    }

    /** acc[a+i] = m*(g[o0+i] + ... + g[o3+i]): the first four taps of a channel with ±1 weights. */
    static void sumSet4(int[] acc, int a, long[] g, int o0, int o1, int o2, int o3, int m, int n) {
        for (int i = 0; i < n; i++) {
            acc[a + i] = m * (int) (g[o0 + i] + g[o1 + i] + g[o2 + i] + g[o3 + i]);
        }
    }

    /** acc[a+i] += m*(g[o0+i] + ... + g[o3+i]). */
    static void sum4(int[] acc, int a, long[] g, int o0, int o1, int o2, int o3, int m, int n) {
        for (int i = 0; i < n; i++) {
            acc[a + i] += m * (int) (g[o0 + i] + g[o1 + i] + g[o2 + i] + g[o3 + i]);
        }
    }

    /**
     * acc[a+i] += w0*g[o0+i] + ... + w3*g[o3+i] (grid values are levels, which fit an int; int products, as C2
     * vectorizes a long multiply by a variable here about 7 times worse).
     */
    static void mul4(int[] acc, int a, long[] g, int o0, int o1, int o2, int o3, int w0, int w1, int w2, int w3,
                     int n) {
        for (int i = 0; i < n; i++) {
            acc[a + i] += w0 * (int) g[o0 + i] + w1 * (int) g[o1 + i] + w2 * (int) g[o2 + i] + w3 * (int) g[o3 + i];
        }
    }



    /** d[dOff+i] = (short) s[sOff+i] for i &lt; n (levels that fit); returns the OR of the values. */
    static int narrow(short[] d, int dOff, int[] s, int sOff, int n) {
        int any = 0;
        for (int i = 0; i < n; i++) {
            int v = s[sOff + i];
            d[dOff + i] = (short) v;
            any |= v;
        }
        return any;
    }

    /** d[dOff+i] = s[sOff+i] for i &lt; n; returns the OR of the values (nonzero when any is). */
    static int widen(long[] d, int dOff, int[] s, int sOff, int n) {
        int any = 0;
        for (int i = 0; i < n; i++) {
            int v = s[sOff + i];
            d[dOff + i] = v;
            any |= v;
        }
        return any;
    }

    /** d[i] = s[i] for i in [from, from+n). */
    static void widen(long[] d, int[] s, int from, int n) {
        for (int i = from; i < from + n; i++) {
            d[i] = s[i];
        }
    }

    /** d[i] |= ((s[so+i] &gt;&gt;&gt; b) &amp; 1) &lt;&lt; sh for i &lt; n: bit b of one channel's levels into bit sh of packed words. */
    static void packBit(long[] d, int[] s, int so, int n, int b, int sh) {
        for (int i = 0; i < n; i++) {
            d[i] |= (long) ((s[so + i] >>> b) & 1) << sh;
        }
    }

    /** {@link #packBit} for both bits of 2-bit levels in one pass (two arrays, one index: C2 vectorizes it). */
    static void packBits2(long[] d0, long[] d1, int[] s, int so, int n, int sh) {
        for (int i = 0; i < n; i++) {
            int v = s[so + i];
            d0[i] |= (long) (v & 1) << sh;
            d1[i] |= (long) ((v >>> 1) & 1) << sh;
        }
    }

    /** g[i] = p[i] | p[i+1] &lt;&lt; c | ... (k pixels of c &lt;= 32 bits each side by side in one long). */
    static void group(long[] g, int[] p, int n, int c, int k) {
        for (int i = 0; i < n; i++) {
            g[i] = p[i] & 0xFFFF_FFFFL;
        }
        for (int j = 1; j < k; j++) {
            int sh = j * c;
            for (int i = 0; i < n; i++) {
                g[i] |= (p[i + j] & 0xFFFF_FFFFL) << sh;
            }
        }
    }

    /**
     * Thresholds by branch-free counting: out = n - sum over i of ((key - t_i) &gt;&gt;&gt; 31) with key = v ^ mask, i.e.
     * the number of t_i &lt;= key. Exact when no difference overflows (the caller clamps the thresholds to the
     * accumulator range and checks that range).
     */
    static void count3(int[] out, int[] in, int from, int n, int mask, int t0, int t1, int t2) {
        for (int i = from; i < from + n; i++) {
            int k = in[i] ^ mask;
            out[i] = 3 - (((k - t0) >>> 31) + ((k - t1) >>> 31) + ((k - t2) >>> 31));
        }
    }

    /** {@link #count3} from a strided input (a channel of a channel-last tensor) to a contiguous output row. */
    static void count3Strided(int[] out, int o, int[] in, int i, int stride, int n, int mask, int t0, int t1, int t2) {
        for (int x = 0; x < n; x++, i += stride) {
            int k = in[i] ^ mask;
            out[o + x] = 3 - (((k - t0) >>> 31) + ((k - t1) >>> 31) + ((k - t2) >>> 31));
        }
    }

    static void count1(int[] out, int[] in, int from, int n, int mask, int t0) {
        for (int i = from; i < from + n; i++) {
            out[i] = 1 - (((in[i] ^ mask) - t0) >>> 31);
        }
    }

    /** out[i] += 1 - ((in[i] ^ mask) - t) &gt;&gt;&gt; 31: one more threshold counted. */
    static void countMore(int[] out, int[] in, int from, int n, int mask, int t) {
        for (int i = from; i < from + n; i++) {
            out[i] += 1 - (((in[i] ^ mask) - t) >>> 31);
        }
    }

    /**
     * The level at index i, or with a 2x2 max pool fused in (rs, cs: the pool input's strides), the maximum of the
     * window that starts there; rs = cs = 0 reads the plain level.
     */
    static int level(int[] src, int i, int rs, int cs) {
        return Math.max(Math.max(src[i], src[i + cs]), Math.max(src[i + rs], src[i + rs + cs]));
    }

    /** sum of w[off + j] * x[j] for j &lt; n. */
    static int dot(int[] w, int off, int[] x, int n) {
        int acc = 0;
        for (int j = 0; j < n; j++) {
            acc += w[off + j] * x[j];
        }
        return acc;
    }
}
