package io.dot4j.runtime.frontend;

/**
 * Triangular mel-band weights over the power spectrum bins 0..N/2, in Q8 (0..256): fixed numbers derived from the
 * parameters by one documented computation, which back ends embed as constants.
 *
 * <p>Mel scale (HTK): mel(f) = 2595 log10(1 + f / 700). The M bands have M + 2 edge points evenly spaced in mel from
 * mel(fMin) to mel(fMax); band m rises from edge m to edge m+1 and falls to edge m+2. Bin k sits at frequency
 * k * rate / N; its weight in band m is {@code floor(256 * tri + 0.5)} with tri the triangle's height there (0..1),
 * computed in double with {@link StrictMath}. Each band keeps the run of bins from its first to its last non-zero
 * weight; a band without any non-zero weight is a parameter error (the bands are narrower than the FFT's bins).
 */
public final class MelFilterBank {

    /** Fraction bits of a weight. */
    public static final int WEIGHT_BITS = 8;

    private final int[] first;
    private final int[][] weights;

    MelFilterBank(int rate, int fftSize, int bands, int fMin, int fMax) {
        double lo = mel(fMin);
        double hi = mel(fMax);
        double[] edge = new double[bands + 2];
        for (int i = 0; i < edge.length; i++) {
            edge[i] = hz(lo + (hi - lo) * i / (bands + 1));
        }
        int bins = fftSize / 2 + 1;
        first = new int[bands];
        weights = new int[bands][];
        for (int m = 0; m < bands; m++) {
            int[] w = new int[bins];
            int a = -1;
            int b = -1;
            for (int k = 0; k < bins; k++) {
                double f = k * (double) rate / fftSize;
                double tri;
                if (f <= edge[m] || f >= edge[m + 2]) {
                    tri = 0;
                } else if (f <= edge[m + 1]) {
                    tri = (f - edge[m]) / (edge[m + 1] - edge[m]);
                } else {
                    tri = (edge[m + 2] - f) / (edge[m + 2] - edge[m + 1]);
                }
                w[k] = (int) Math.floor(256 * tri + 0.5);
                if (w[k] > 0) {
                    if (a < 0) {
                        a = k;
                    }
                    b = k;
                }
            }
            if (a < 0) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "mel band %d (%.1f..%.1f Hz) contains no FFT bin of %.2f Hz; use fewer bands, a higher fMin or a"
                                + " larger FFT", m, edge[m], edge[m + 2], rate / (double) fftSize));
            }
            first[m] = a;
            weights[m] = java.util.Arrays.copyOfRange(w, a, b + 1);
        }
    }

    static double mel(double hz) {
        return 2595.0 * StrictMath.log10(1.0 + hz / 700.0);
    }

    static double hz(double mel) {
        return 700.0 * (StrictMath.pow(10.0, mel / 2595.0) - 1.0);
    }

    public int bands() {
        return first.length;
    }

    /** The first bin with a non-zero weight in band m. */
    public int firstBin(int m) {
        return first[m];
    }

    /** The Q8 weights of band m from {@link #firstBin(int)} on (a copy). */
    public int[] weights(int m) {
        return weights[m].clone();
    }

    /** The weights stored in all bands together (multiply-adds per frame). */
    public int totalWeights() {
        int t = 0;
        for (int[] w : weights) {
            t += w.length;
        }
        return t;
    }

    /** E[m] = sum_k power[first+k] * w[k]; with power below 2^51 and at most 2 bands per bin it stays below 2^61. */
    void apply(long[] power, long[] energy) {
        for (int m = 0; m < first.length; m++) {
            int[] w = weights[m];
            int f = first[m];
            long e = 0;
            for (int k = 0; k < w.length; k++) {
                e += power[f + k] * w[k];
            }
            energy[m] = e;
        }
    }
}
