package io.dot4j.runtime.frontend;

/**
 * The integer log-mel front end: a window of 16-bit PCM in, a frames x bands image of unsigned 8-bit features out,
 * frame-major (feature (f, m) at index f * bands + m, i.e. an image of {@code frames} rows and {@code bands} columns).
 * Every step is integer arithmetic with the widths below, so C and Verilog can reproduce it bit for bit; the tables
 * (window, twiddles, mel weights) are fixed functions of the {@link LogMelParameters} (see each class).
 *
 * <ol>
 *   <li>Frame f takes samples x[f * hop .. f * hop + frameLength - 1] (int16).</li>
 *   <li>Window: {@code xw[n] = (x[n] * w[n] + 2^10) >> 11}, w[n] = floor(32768 (0.5 - 0.5 cos(2 pi n / frameLength))
 *       + 0.5), 0..32768 (periodic Hann, Q15): the product is at most 2^30 (int32) and xw keeps {@link #GUARD_BITS} = 4
 *       bits below the input's step, |xw| &lt;= 2^19. Zero-padded to fftSize.</li>
 *   <li>FFT: {@link FixedPointFft}: |X| &lt;= sum |xw| + rounding &lt; 2^19 * frameLength + N &lt;= 2^29 + 2^10 (int32),
 *       64-bit products below 2^45.</li>
 *   <li>Power: {@code P[k] = (re[k]^2 + im[k]^2 + 2^7) >> 8} for k = 0..N/2 (the guard bits squared removed again, with
 *       rounding): the sum of squares is below 2^59, P below 2^51 (int64).</li>
 *   <li>Bands: {@code E[m] = sum_k P[k] * wm[k]} with {@link MelFilterBank} Q8 weights: int64. By Parseval the sum of
 *       P over all bins is N times the sum of xw^2, at most 2^(30 + log2 N + log2 frameLength) &lt;= 2^50, and a bin is in
 *       at most two bands of weight &lt;= 256, so E &lt; 2^59.</li>
 *   <li>Log: {@code L[m] = }{@link FixedLog2#log2q8}{@code (E[m])}, 0..16,127 (14 bits).</li>
 *   <li>Level: {@code q = clamp(((L - base) * logScale) >> 12, 0, 255)}, base = logOffset ({@code FIXED}) or the
 *       window's largest L minus logOffset ({@code PEAK}); the product is below 2^28 (int32).</li>
 * </ol>
 * Instances hold only the tables and are safe to share between threads.
 */
public final class LogMelFrontEnd {

    /** Fraction bits of the window. */
    public static final int WINDOW_BITS = 15;
    /** Extra low bits the windowed samples keep into the FFT, so that its rounding stays far below one input step. */
    public static final int GUARD_BITS = 4;

    private final LogMelParameters p;
    private final int[] window;
    private final FixedPointFft fft;
    private final MelFilterBank bank;

    public LogMelFrontEnd(LogMelParameters parameters) {
        this.p = parameters;
        int l = p.frameLength();
        window = new int[l];
        for (int n = 0; n < l; n++) {
            window[n] = (int) Math.floor(32768.0 * (0.5 - 0.5 * StrictMath.cos(2 * Math.PI * n / l)) + 0.5);
        }
        fft = new FixedPointFft(p.fftSize());
        bank = new MelFilterBank(p.sampleRate(), p.fftSize(), p.bands(), p.fMin(), p.fMax());
    }

    public LogMelParameters parameters() {
        return p;
    }

    /** The Q15 window weight of sample n of a frame. */
    public int windowWeight(int n) {
        return window[n];
    }

    public MelFilterBank filterBank() {
        return bank;
    }

    /** Input samples of one window. */
    public int windowSamples() {
        return p.windowSamples();
    }

    /** The feature image of the window starting at {@code pcm[offset]}. */
    public byte[] features(short[] pcm, int offset) {
        return quantize(logEnergies(pcm, offset), p);
    }

    /** The log2 band powers (Q8) of every frame of the window starting at {@code pcm[offset]}, frame-major. */
    public int[] logEnergies(short[] pcm, int offset) {
        if (offset < 0 || (long) offset + p.windowSamples() > pcm.length) {
            throw new IllegalArgumentException("a window of " + p.windowSamples() + " samples at offset " + offset
                    + " does not fit " + pcm.length + " samples");
        }
        int[] out = new int[p.frames() * p.bands()];
        int[] re = new int[p.fftSize()];
        int[] im = new int[p.fftSize()];
        long[] power = new long[p.fftSize() / 2 + 1];
        long[] energy = new long[p.bands()];
        for (int f = 0; f < p.frames(); f++) {
            frame(pcm, offset + f * p.hop(), re, im, power, energy);
            for (int m = 0; m < energy.length; m++) {
                out[f * p.bands() + m] = FixedLog2.log2q8(energy[m]);
            }
        }
        return out;
    }

    /** The mel band powers E[m] of one frame starting at {@code pcm[start]} (int64, see the class comment). */
    public long[] bandPowers(short[] pcm, int start) {
        if (start < 0 || (long) start + p.frameLength() > pcm.length) {
            throw new IllegalArgumentException("a frame of " + p.frameLength() + " samples at " + start
                    + " does not fit " + pcm.length + " samples");
        }
        long[] energy = new long[p.bands()];
        frame(pcm, start, new int[p.fftSize()], new int[p.fftSize()], new long[p.fftSize() / 2 + 1], energy);
        return energy;
    }

    private void frame(short[] pcm, int start, int[] re, int[] im, long[] power, long[] energy) {
        int l = p.frameLength();
        for (int n = 0; n < l; n++) {
            re[n] = (pcm[start + n] * window[n] + (1 << (WINDOW_BITS - GUARD_BITS - 1))) >> (WINDOW_BITS - GUARD_BITS);
        }
        java.util.Arrays.fill(re, l, re.length, 0);
        java.util.Arrays.fill(im, 0);
        fft.transform(re, im);
        for (int k = 0; k < power.length; k++) {
            power[k] = ((long) re[k] * re[k] + (long) im[k] * im[k] + (1L << (2 * GUARD_BITS - 1))) >> (2 * GUARD_BITS);
        }
        bank.apply(power, energy);
    }

    /** The 8-bit levels of log energies (frames x bands, Q8) under the parameters' scale, offset and mode. */
    public static byte[] quantize(int[] logEnergies, LogMelParameters p) {
        int base = p.logOffset();
        if (p.logMode() == LogMelParameters.PEAK) {
            int max = 0;
            for (int v : logEnergies) {
                max = Math.max(max, v);
            }
            base = max - p.logOffset();
        }
        byte[] q = new byte[logEnergies.length];
        for (int i = 0; i < q.length; i++) {
            int level = ((logEnergies[i] - base) * p.logScale()) >> 12;
            q[i] = (byte) Math.max(0, Math.min(255, level));
        }
        return q;
    }

    /** Integer operations for one window of {@code frames} frames (see {@link FrontEndCost}). */
    public FrontEndCost costPerWindow() {
        return FrontEndCost.perFrame(p, fft.butterflies(), bank.totalWeights()).times(p.frames())
                .plus(FrontEndCost.quantization(p));
    }

    /**
     * Integer operations for one second of streamed audio: sampleRate / hop frames (rounded up), each computed once,
     * and one window's quantization.
     */
    public FrontEndCost costPerSecond() {
        long framesPerSecond = (p.sampleRate() + p.hop() - 1) / p.hop();
        return FrontEndCost.perFrame(p, fft.butterflies(), bank.totalWeights()).times(framesPerSecond)
                .plus(FrontEndCost.quantization(p));
    }
}
