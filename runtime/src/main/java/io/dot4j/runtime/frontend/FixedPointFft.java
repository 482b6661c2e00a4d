package io.dot4j.runtime.frontend;

/**
 * A radix-2 decimation-in-time FFT of N = 2^b points in integers, the same bits in Java, C and Verilog.
 *
 * <p>Twiddles: for k = 0..N/2-1, {@code wr[k] = round(32768 cos(2 pi k / N))} and {@code wi[k] = -round(32768 sin(2 pi k
 * / N))} (Q15, range -32768..32768, i.e. 17-bit signed; {@link StrictMath}, rounded half up with
 * {@code floor(x + 0.5)}: fixed numbers that a C or Verilog back end embeds as constants).
 *
 * <p>Data: {@code re[], im[]} are int32. The input is permuted into bit-reversed order, then for each stage (span 2,
 * 4, .. N) every butterfly of a (index i) and b (index i + span/2) with twiddle k = (i mod span) * N / span computes,
 * with 64-bit products:
 * <pre>
 *   tr = (br*wr[k] - bi*wi[k] + 2^14) &gt;&gt; 15      (arithmetic shift: floor)
 *   ti = (br*wi[k] + bi*wr[k] + 2^14) &gt;&gt; 15
 *   a' = a + t,  b' = a - t
 * </pre>
 * No scaling between stages: for inputs of magnitude at most 2^15 the outputs stay below 2^15 * N + N (each stage at
 * most doubles the largest magnitude, plus 1 for rounding), so N &lt;= 1024 keeps every value below 2^26 and every
 * product below 2^42.
 */
public final class FixedPointFft {

    /** Largest transform size. */
    public static final int MAX_SIZE = 1024;
    /** Fraction bits of the twiddles. */
    public static final int TWIDDLE_BITS = 15;

    private final int n;
    private final int bits;
    private final int[] wr;
    private final int[] wi;
    private final int[] reversed;

    public FixedPointFft(int n) {
        if (n < 2 || n > MAX_SIZE || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT size " + n + ", expected a power of two in 2.." + MAX_SIZE);
        }
        this.n = n;
        this.bits = Integer.numberOfTrailingZeros(n);
        wr = new int[n / 2];
        wi = new int[n / 2];
        for (int k = 0; k < n / 2; k++) {
            double angle = 2 * Math.PI * k / n;
            wr[k] = (int) Math.floor(32768.0 * StrictMath.cos(angle) + 0.5);
            wi[k] = -(int) Math.floor(32768.0 * StrictMath.sin(angle) + 0.5);
        }
        reversed = new int[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = Integer.reverse(i) >>> (32 - bits);
        }
    }

    public int size() {
        return n;
    }

    /** Twiddle k's real part, Q15. */
    public int twiddleReal(int k) {
        return wr[k];
    }

    /** Twiddle k's imaginary part, Q15. */
    public int twiddleImaginary(int k) {
        return wi[k];
    }

    /** Transforms {@code re, im} (length N each) in place. */
    public void transform(int[] re, int[] im) {
        if (re.length != n || im.length != n) {
            throw new IllegalArgumentException("FFT of " + n + " points needs arrays of " + n + ", got " + re.length
                    + " and " + im.length);
        }
        for (int i = 0; i < n; i++) {
            int j = reversed[i];
            if (j > i) {
                int t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int span = 2; span <= n; span <<= 1) {
            int half = span >> 1;
            int step = n / span;
            for (int start = 0; start < n; start += span) {
                for (int j = 0; j < half; j++) {
                    int a = start + j;
                    int b = a + half;
                    long c = wr[j * step];
                    long s = wi[j * step];
                    int tr = (int) ((re[b] * c - im[b] * s + (1 << 14)) >> TWIDDLE_BITS);
                    int ti = (int) ((re[b] * s + im[b] * c + (1 << 14)) >> TWIDDLE_BITS);
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }

    /** Butterflies of one transform: N/2 per stage, log2 N stages. */
    public long butterflies() {
        return (long) (n / 2) * bits;
    }
}
