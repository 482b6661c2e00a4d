package io.dot4j.runtime.audio;

import java.util.Arrays;

/**
 * Mono audio as signed 16-bit samples at a sample rate. 8-bit WAV samples are widened to this form (see
 * {@link WavReader}).
 *
 * @param sampleRate samples per second, 1..{@link WavReader#MAX_SAMPLE_RATE}
 * @param samples    the samples, copied on construction and on access
 */
public record PcmAudio(int sampleRate, short[] samples) {

    public PcmAudio {
        if (sampleRate < 1 || sampleRate > WavReader.MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException("sample rate " + sampleRate + ", expected 1.." + WavReader.MAX_SAMPLE_RATE);
        }
        samples = samples.clone();
    }

    /** A copy of the samples. */
    @Override
    public short[] samples() {
        return samples.clone();
    }

    /** Number of samples. */
    public int length() {
        return samples.length;
    }

    /** Sample {@code i}. */
    public short sample(int i) {
        return samples[i];
    }

    /** Duration in seconds. */
    public double seconds() {
        return samples.length / (double) sampleRate;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PcmAudio p && p.sampleRate == sampleRate && Arrays.equals(p.samples, samples);
    }

    @Override
    public int hashCode() {
        return 31 * sampleRate + Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "PcmAudio[" + samples.length + " samples at " + sampleRate + " Hz]";
    }
}
