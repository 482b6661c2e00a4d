package io.dot4j.runtime.analysis;

import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.TensorType;
import java.util.List;
import java.util.Optional;

/**
 * What the analysis proves about one layer of a model for every input image.
 *
 * <p>Ranges are per channel of a channel-last tensor. A list of channel ranges may be shorter than the channel
 * count: channel c's range is always {@code list.get(c % list.size())} (after a {@code Flatten} of (C,H,W), element
 * (y*W + x)*C + c keeps the range of channel c, so the list keeps C entries instead of C*H*W); use
 * {@link #channelRange(int)} and {@link #inputChannelRange(int)}.
 *
 * <p>How they are derived, layer by layer from the pixels' [0, 255]:
 * <ul>
 *   <li>Conv, Dense: output channel o lies in {@code bias[o] + sum_j [min(w*lo_j, w*hi_j), max(w*lo_j, w*hi_j)]},
 *       w = w[o][j] and [lo_j, hi_j] the range of the input channel column j reads (j mod inChannels for a
 *       convolution, input element j's channel for a dense layer), widened to include 0 when the convolution pads
 *       (padded positions are level 0): the positive and negative weight contributions times the input's levels.</li>
 *   <li>ThresholdActivation: channel c's levels lie between the levels of its incoming range's two ends (the level is
 *       monotone in the value); {@link ThresholdKeys} holds the keys clamped to that incoming range.</li>
 *   <li>MaxPool, Flatten: the input's ranges. GlobalSumPool: H*W times the input channel's range.</li>
 * </ul>
 *
 * @param index                   position of the layer in the model
 * @param inputChannelRanges      ranges of the incoming values (see above for the indexing)
 * @param channelRanges           ranges of the output values (see above for the indexing)
 * @param partialSumChannelRanges for Conv and Dense, per output channel: the range of every partial sum of that
 *                                channel's terms in any order and any subset, bias added or not, where the terms are
 *                                those of the bit-serial identity of {@link WeightPlanes} with the input levels
 *                                anywhere in 0 .. 2^B - 1 (B = {@code input.bits()}):
 *                                {@code [min(0,bias) + M*sum_j neg_j, max(0,bias) + M*sum_j pos_j]} with
 *                                M = 2^B - 1 and pos_j / neg_j the sum of the positive / negative plane contributions
 *                                of weight j (w for 1- and 8-bit weights; 2h and l for 2-bit ones, so +1 = 2 - 1 adds 2
 *                                and -1). It holds the accumulator too. Empty for other layers.
 * @param thresholdKeys           present for a ThresholdActivation
 * @param weightPlanes            present for Conv and Dense
 * @param macs                    multiply-accumulates per image ({@link Layer#macs})
 */
public record LayerAnalysis(int index, Layer layer, TensorType input, TensorType output,
                            List<ValueRange> inputChannelRanges, List<ValueRange> channelRanges,
                            List<ValueRange> partialSumChannelRanges, Optional<ThresholdKeys> thresholdKeys,
                            Optional<WeightPlanes> weightPlanes, long macs) {

    public LayerAnalysis {
        inputChannelRanges = immutable(inputChannelRanges);
        channelRanges = immutable(channelRanges);
        partialSumChannelRanges = immutable(partialSumChannelRanges);
    }

    /** Whether the output is int32 accumulators (Conv, Dense) rather than levels. */
    public boolean isAccumulator() {
        return !output.isLevels();
    }

    /** Range of the output values of channel c. */
    public ValueRange channelRange(int channel) {
        checkChannel(channel, output);
        return channelRanges.get(channel % channelRanges.size());
    }

    /** Range of the incoming values of channel c. */
    public ValueRange inputChannelRange(int channel) {
        checkChannel(channel, input);
        return inputChannelRanges.get(channel % inputChannelRanges.size());
    }

    /** Range of every output value, all channels. */
    public ValueRange range() {
        return union(channelRanges);
    }

    /** Range of every incoming value, all channels. */
    public ValueRange inputRange() {
        return union(inputChannelRanges);
    }

    /**
     * Bits of one output value: for accumulators the signed width of {@link #range()} (at most 32); for levels the
     * bits they are stored at ({@code output.bits()}), which is what the next layer's {@code inputBits} states.
     */
    public int bits() {
        return isAccumulator() ? range().signedBits() : output.bits();
    }

    /** Range of every partial sum of every channel (Conv and Dense; empty for other layers). */
    public Optional<ValueRange> partialSumRange() {
        return partialSumChannelRanges.isEmpty() ? Optional.empty() : Optional.of(union(partialSumChannelRanges));
    }

    /** Signed width of an adder or register that holds every partial sum (0 for layers without sums). */
    public int partialSumBits() {
        return partialSumRange().map(ValueRange::signedBits).orElse(0);
    }

    /** Inputs one output of a Conv or Dense reads (kernelHeight * kernelWidth * inChannels, or inFeatures); 0 otherwise. */
    public int fanIn() {
        return weightPlanes.map(WeightPlanes::cols).orElse(0);
    }

    /**
     * For Conv and Dense: the range of the sum of any subset of the inputs one output reads, [0, fanIn * (2^B - 1)]
     * with B = {@code input.bits()}. A back end that forms {@code pc(X_b)} per level bit (the bit-serial identity of
     * {@link WeightPlanes}) or sums all taps X to compute 2P - X for ±1 weights holds values up to this, which can
     * exceed {@link #partialSumRange()} (whose terms carry the weights' signs). Empty for other layers.
     */
    public Optional<ValueRange> inputSumRange() {
        return weightPlanes.isEmpty() ? Optional.empty() : Optional.of(new ValueRange(0, fanIn() * input.maxLevel()));
    }

    /** Unsigned bits of a popcount over one output's window of fanIn() bits (0 for layers without weights). */
    public int popcountBits() {
        return weightPlanes.isEmpty() ? 0 : new ValueRange(0, fanIn()).unsignedBits();
    }

    /**
     * Output (channel, y, x) of this Conv or Dense computed from {@link #weightPlanes()} by the bit-serial identity
     * (plus the bias of a dense layer), so a test can check the planes against the reference. {@code input} is the
     * whole input tensor, channel-last, as the layer before produced it; for a dense layer y = x = 0.
     */
    public long outputFromPlanes(int[] input, int channel, int y, int x) {
        WeightPlanes planes = weightPlanes.orElseThrow(() -> new IllegalStateException(
                "layer " + index + " (" + layer.kind() + ") has no weights"));
        if (input == null || input.length != this.input.shape().elements()) {
            throw new IllegalArgumentException("expected " + this.input.shape().elements() + " input values for "
                    + this.input + ", got " + (input == null ? "null" : input.length));
        }
        checkChannel(channel, output);
        if (y < 0 || y >= output.shape().height() || x < 0 || x >= output.shape().width()) {
            throw new IndexOutOfBoundsException("position (" + y + "," + x + ") outside " + output.shape());
        }
        if (layer instanceof Conv) {
            int[] window = ReceptiveField.of((Conv) layer, this.input.shape(), input, y, x);
            return planes.dot(channel, window, this.input.bits());
        }
        return planes.dot(channel, input, this.input.bits()) + ((Dense) layer).bias(channel);
    }

    private static void checkChannel(int channel, TensorType t) {
        if (channel < 0 || channel >= t.shape().channels()) {
            throw new IndexOutOfBoundsException("channel " + channel + ", expected 0.." + (t.shape().channels() - 1));
        }
    }

    private static List<ValueRange> immutable(List<ValueRange> ranges) {
        return ranges instanceof RangeList ? ranges : List.copyOf(ranges);
    }

    private static ValueRange union(List<ValueRange> ranges) {
        ValueRange r = ranges.get(0);
        for (ValueRange v : ranges) {
            r = r.union(v);
        }
        return r;
    }
}
