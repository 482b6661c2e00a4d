package io.dot4j.runtime.ir;

import java.util.Arrays;

/**
 * Per-channel integer thresholds: turns accumulators (or levels) into k-bit levels. Batch norm, bias,
 * scale and the k-bit activation quantizer all fold into these thresholds when a network is lowered.
 *
 * <p>Channel c has {@code n = 2^bits - 1} thresholds t[0] <= t[1] <= ... <= t[n-1] (sorted non-decreasing,
 * whatever the sign) and a sign flag:
 * <ul>
 *   <li>positive (the usual case, {@code negative[c] == false}): level = number of i with {@code value >= t[i]};</li>
 *   <li>negative (the folded batch-norm scale was negative, {@code negative[c] == true}): level = number of i
 *       with {@code value <= t[i]}.</li>
 * </ul>
 * The level is in 0..n and is monotone in the value (rising for positive, falling for negative channels).
 * Thresholds are stored flat, channel-major: t[c][i] = {@code thresholds[c*n + i]}.
 */
public record ThresholdActivation(int channels, int bits, int[] thresholds, boolean[] negative) implements Layer {

    public ThresholdActivation {
        LayerException.range("channels", channels, 1, Limits.MAX_FEATURES);
        LayerException.range("bits", bits, 1, Limits.MAX_ACTIVATION_BITS);
        int n = (1 << bits) - 1;
        LayerException.check(thresholds != null && thresholds.length == (long) channels * n, "thresholds",
                "has " + (thresholds == null ? "null" : String.valueOf(thresholds.length)) + " entries, expected channels*(2^bits-1) = "
                        + (long) channels * n);
        LayerException.check(negative != null && negative.length == channels, "negative",
                "has " + (negative == null ? "null" : String.valueOf(negative.length)) + " entries, expected channels = " + channels);
        thresholds = thresholds.clone();
        negative = negative.clone();
        for (int c = 0; c < channels; c++) {
            for (int i = 1; i < n; i++) {
                int a = thresholds[c * n + i - 1], b = thresholds[c * n + i];
                if (a > b) {
                    throw new LayerException("thresholds", "channel " + c + " is not sorted: t[" + (i - 1) + "] = " + a
                            + " > t[" + i + "] = " + b);
                }
            }
        }
    }

    /** Thresholds per channel, 2^bits - 1. */
    public int perChannel() {
        return (1 << bits) - 1;
    }

    /** A copy of all thresholds, channel-major. */
    @Override
    public int[] thresholds() {
        return thresholds.clone();
    }

    /** A copy of the sign flags. */
    @Override
    public boolean[] negative() {
        return negative.clone();
    }

    public int threshold(int channel, int i) {
        return thresholds[channel * perChannel() + i];
    }

    public boolean isNegative(int channel) {
        return negative[channel];
    }

    /** The defining rule, spelled out as a plain count (the kernels use a binary search that must agree). */
    public int level(int channel, int value) {
        int n = perChannel(), count = 0;
        for (int i = 0; i < n; i++) {
            int t = thresholds[channel * n + i];
            if (negative[channel] ? value <= t : value >= t) {
                count++;
            }
        }
        return count;
    }

    /** Narrowest signed little-endian width (1, 2 or 4 bytes) that holds every threshold of this layer. */
    public int storageWidth() {
        return StorageWidth.narrowest(thresholds);
    }

    @Override
    public String kind() {
        return "ThresholdActivation";
    }

    @Override
    public TensorType outputType(TensorType input) {
        LayerException.check(input.shape().channels() == channels, "channels",
                "= " + channels + ", but the input " + input.shape() + " has " + input.shape().channels() + " channels");
        return TensorType.levels(input.shape(), bits);
    }

    /**
     * Bytes of the sign flags and thresholds in the current file format (version 4): one sign bit per channel, then
     * every threshold at {@link #storageWidth()} bytes.
     */
    @Override
    public long thresholdBytes() {
        return (channels + 7) / 8 + (long) thresholds.length * storageWidth();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThresholdActivation && ((ThresholdActivation) o).channels == channels
                && ((ThresholdActivation) o).bits == bits && Arrays.equals(((ThresholdActivation) o).thresholds, thresholds)
                && Arrays.equals(((ThresholdActivation) o).negative, negative);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(thresholds) * 31 + Arrays.hashCode(negative) + bits;
    }

    @Override
    public String toString() {
        return "ThresholdActivation[" + channels + " channels, " + bits + " bits]";
    }
}
