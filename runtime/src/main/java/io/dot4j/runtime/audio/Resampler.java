package io.dot4j.runtime.audio;

/**
 * Changes the sample rate of mono 16-bit audio with a windowed-sinc low-pass filter, deterministically (the same bits
 * on every JVM: double arithmetic, which Java defines exactly, and {@link StrictMath}, which is fdlibm).
 *
 * <p>The filter, for input rate a and output rate b, with rho = min(1, b/a) (the cutoff as a fraction of the input
 * Nyquist frequency, times {@link #CUTOFF}) and Z = {@link #ZERO_CROSSINGS}:
 * <pre>
 *   h(u) = rho' * sinc(rho' * u) * (0.5 + 0.5 * cos(pi * u / (Z / rho')))   for |u| &lt; Z / rho', else 0
 *   rho' = CUTOFF * rho,  sinc(x) = sin(pi x) / (pi x),  sinc(0) = 1
 * </pre>
 * Output sample j sits at input time t = j * a / b; it is y[j] = sum_k x[k] h(t - k) / sum_k h(t - k) over every k
 * with |t - k| &lt; Z / rho' (samples before 0 or past the end count as 0 in the numerator and normally in the
 * denominator, so the gain at DC is exactly 1 and the ends fade). y[j] is rounded half away from zero and clamped to
 * -32768..32767. The output has floor((n - 1) * b / a) + 1 samples for n input samples (every output time up to
 * the last input sample).
 */
public final class Resampler {

    /** Half-width of the kernel in zero crossings of the sinc. */
    public static final int ZERO_CROSSINGS = 16;
    /** The cutoff as a fraction of the lower Nyquist frequency: leaves a transition band below it. */
    public static final double CUTOFF = 0.92;
    /** Most output samples of one call, checked before allocating: the reader's default sample limit. */
    public static final int MAX_OUTPUT_SAMPLES = WavReader.DEFAULT_MAX_SAMPLES;

    private Resampler() {
    }

    /** {@code audio} at {@code targetRate}: the same samples when the rate already matches. */
    public static PcmAudio resample(PcmAudio audio, int targetRate) {
        if (targetRate < 1 || targetRate > WavReader.MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException("target rate " + targetRate + ", expected 1.." + WavReader.MAX_SAMPLE_RATE);
        }
        if (audio.sampleRate() == targetRate || audio.length() == 0) {
            return new PcmAudio(targetRate, audio.samples());
        }
        return new PcmAudio(targetRate, resample(audio.samples(), audio.sampleRate(), targetRate));
    }

    /** The resampled samples (see the class comment for the exact filter). */
    public static short[] resample(short[] x, int from, int to) {
        long g = gcd(from, to);
        long up = to / g;
        long down = from / g;
        int n = x.length;
        long outCount = n == 0 ? 0 : (n - 1L) * up / down + 1;
        if (outCount > MAX_OUTPUT_SAMPLES) {
            throw new IllegalArgumentException(n + " samples at " + from + " Hz would make " + outCount + " at " + to
                    + " Hz, more than the " + MAX_OUTPUT_SAMPLES + " a resampled recording may have");
        }
        double rho = CUTOFF * Math.min(1.0, to / (double) from);
        double half = ZERO_CROSSINGS / rho;
        short[] y = new short[(int) outCount];
        for (int j = 0; j < y.length; j++) {
            long num = j * down;
            long k0 = num / up;
            double frac = (num % up) / (double) up; // t = k0 + frac exactly as a rational
            long first = k0 - (long) Math.floor(half - frac);
            long last = k0 + (long) Math.floor(half + frac);
            double acc = 0;
            double norm = 0;
            for (long k = first; k <= last; k++) {
                double u = (k0 - k) + frac;
                if (Math.abs(u) >= half) {
                    continue;
                }
                double h = kernel(u, rho, half);
                norm += h;
                if (k >= 0 && k < n) {
                    acc += h * x[(int) k];
                }
            }
            double v = acc / norm;
            long r = v >= 0 ? (long) (v + 0.5) : -(long) (-v + 0.5);
            y[j] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
        }
        return y;
    }

    /** The windowed-sinc kernel at distance u (input samples) for cutoff rho and half-width {@code half}. */
    static double kernel(double u, double rho, double half) {
        double x = rho * u;
        double sinc = x == 0 ? 1.0 : StrictMath.sin(Math.PI * x) / (Math.PI * x);
        double window = 0.5 + 0.5 * StrictMath.cos(Math.PI * u / half);
        return rho * sinc * window;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
