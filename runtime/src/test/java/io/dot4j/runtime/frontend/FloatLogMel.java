package io.dot4j.runtime.frontend;

/**
 * The float reference of the front end: the same frames, an exact Hann window, a plain double FFT, unrounded
 * triangle weights and {@code 256 log2(E + 1)}, all in double. Only the integer front end's rounding differs.
 */
final class FloatLogMel {

    private final LogMelParameters p;
    private final double[][] weights; // [band][bin]

    FloatLogMel(LogMelParameters p) {
        this.p = p;
        double lo = MelFilterBank.mel(p.fMin());
        double hi = MelFilterBank.mel(p.fMax());
        double[] edge = new double[p.bands() + 2];
        for (int i = 0; i < edge.length; i++) {
            edge[i] = MelFilterBank.hz(lo + (hi - lo) * i / (p.bands() + 1));
        }
        int bins = p.fftSize() / 2 + 1;
        weights = new double[p.bands()][bins];
        for (int m = 0; m < p.bands(); m++) {
            for (int k = 0; k < bins; k++) {
                double f = k * (double) p.sampleRate() / p.fftSize();
                double tri = f <= edge[m] || f >= edge[m + 2] ? 0 : f <= edge[m + 1]
                        ? (f - edge[m]) / (edge[m + 1] - edge[m]) : (edge[m + 2] - f) / (edge[m + 2] - edge[m + 1]);
                weights[m][k] = 256 * tri;
            }
        }
    }

    /** Band powers of the frame at {@code start}, on the integer front end's scale (Q8 weights). */
    double[] bandPowers(short[] pcm, int start) {
        int n = p.fftSize();
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < p.frameLength(); i++) {
            re[i] = pcm[start + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / p.frameLength()));
        }
        fft(re, im);
        double[] e = new double[p.bands()];
        for (int m = 0; m < p.bands(); m++) {
            for (int k = 0; k <= n / 2; k++) {
                e[m] += (re[k] * re[k] + im[k] * im[k]) * weights[m][k];
            }
        }
        return e;
    }

    /** 256 log2(E + 1) of every band of every frame, frame-major. */
    double[] logEnergies(short[] pcm, int offset) {
        double[] out = new double[p.frames() * p.bands()];
        for (int f = 0; f < p.frames(); f++) {
            double[] e = bandPowers(pcm, offset + f * p.hop());
            for (int m = 0; m < e.length; m++) {
                out[f * p.bands() + m] = 256 * Math.log(e[m] + 1) / Math.log(2);
            }
        }
        return out;
    }

    /** The levels, by the same rule as the integer front end but from the float log energies. */
    int[] levels(double[] l) {
        double base = p.logOffset();
        if (p.logMode() == LogMelParameters.PEAK) {
            double max = 0;
            for (double v : l) {
                max = Math.max(max, v);
            }
            base = max - p.logOffset();
        }
        int[] q = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            q[i] = (int) Math.max(0, Math.min(255, Math.floor((l[i] - base) * p.logScale() / 4096)));
        }
        return q;
    }

    /** In-place iterative radix-2 FFT in double, e^{-2 pi i k n / N}. */
    static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = -2 * Math.PI / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double wr = Math.cos(ang * k);
                    double wi = Math.sin(ang * k);
                    int a = i + k;
                    int b = a + len / 2;
                    double tr = re[b] * wr - im[b] * wi;
                    double ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr; im[b] = im[a] - ti;
                    re[a] += tr; im[a] += ti;
                }
            }
        }
    }
}
