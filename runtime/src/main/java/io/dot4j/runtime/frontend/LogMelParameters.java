package io.dot4j.runtime.frontend;

/**
 * Everything that defines the integer log-mel front end: raw 16-bit PCM at {@code sampleRate} in, a {@code frames} x
 * {@code bands} image of unsigned 8-bit features out. Together with the fixed rules of {@link LogMelFrontEnd} these
 * numbers fix every bit of the output; {@link LogMelEncoding} stores them in 12 to 25 bytes.
 *
 * @param sampleRate  samples per second of the input (1,000..48,000)
 * @param frames      frames per window = rows of the feature image (1..1,024)
 * @param frameLength samples per frame, windowed with a periodic Hann window (2..fftSize)
 * @param hop         samples between the starts of two frames (1..65,535)
 * @param fftSize     FFT points, a power of two (16..{@value FixedPointFft#MAX_SIZE}); the frame is zero-padded to it
 * @param bands       mel bands = columns of the feature image (1..128, at most fftSize / 2)
 * @param fMin        lower edge of the lowest band in Hz (0..fMax-1)
 * @param fMax        upper edge of the highest band in Hz (fMin+1..sampleRate/2)
 * @param logScale    feature levels per octave of band power, times 16 (1..4,096; 160 = 10 levels per 3.01 dB)
 * @param logOffset   the log2 power (Q8, 0..32,767) that maps to level 0 ({@link #FIXED}), or, in {@link #PEAK} mode,
 *                    how far (Q8) below the window's loudest band level 0 lies
 * @param logMode     {@link #FIXED} or {@link #PEAK}
 */
public record LogMelParameters(int sampleRate, int frames, int frameLength, int hop, int fftSize, int bands, int fMin,
                               int fMax, int logScale, int logOffset, int logMode) {

    /** Level = (log2q8(E) - logOffset) * logScale / 4096: an absolute scale, as in most keyword spotters. */
    public static final int FIXED = 0;
    /** Level = (log2q8(E) - (max over the window - logOffset)) * logScale / 4096: independent of the input's gain. */
    public static final int PEAK = 1;
    /** Most samples in one window (2^22: about 87 s at 48 kHz). */
    public static final int MAX_WINDOW_SAMPLES = 1 << 22;

    public LogMelParameters {
        check("sampleRate", sampleRate, 1_000, 48_000);
        check("frames", frames, 1, 1_024);
        check("fftSize", fftSize, 16, FixedPointFft.MAX_SIZE);
        if (Integer.bitCount(fftSize) != 1) {
            throw new IllegalArgumentException("fftSize = " + fftSize + ", expected a power of two");
        }
        check("frameLength", frameLength, 2, fftSize);
        check("hop", hop, 1, 65_535);
        check("bands", bands, 1, Math.min(128, fftSize / 2));
        check("fMax", fMax, 1, sampleRate / 2);
        check("fMin", fMin, 0, fMax - 1);
        check("logScale", logScale, 1, 4_096);
        check("logOffset", logOffset, 0, 32_767);
        check("logMode", logMode, FIXED, PEAK);
        long window = (long) (frames - 1) * hop + frameLength;
        if (window > MAX_WINDOW_SAMPLES) {
            throw new IllegalArgumentException("a window of " + frames + " frames, hop " + hop + ", frame " + frameLength
                    + " is " + window + " samples, expected at most " + MAX_WINDOW_SAMPLES);
        }
    }

    /**
     * A speech front end at 8 kHz: 32 ms frames, 256-point FFT, bands from 125 Hz to 3.8 kHz, 10 levels per octave of
     * power in {@link #PEAK} mode with the loudest band at level 255 (so the 256 levels span 25.5 octaves, 77 dB).
     */
    public static LogMelParameters speech8k(int frames, int hop, int bands) {
        return new LogMelParameters(8_000, frames, 256, hop, 256, bands, 125, 3_800, 160, 255 * 4096 / 160, PEAK);
    }

    /** Input samples one window needs: (frames - 1) * hop + frameLength. */
    public int windowSamples() {
        return (frames - 1) * hop + frameLength;
    }

    private static void check(String field, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(field + " = " + v + ", expected " + lo + ".." + hi);
        }
    }
}
