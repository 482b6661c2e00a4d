package io.dot4j.runtime.ir;

import java.util.Arrays;

/**
 * Fully connected layer on levels, producing int32 accumulators:
 * out[o] = bias[o] + sum over i of w[o][i] * x[i], where x is the input flattened channel-last
 * (index (y*W + x)*C + c), so a dense layer can follow a spatial tensor directly or after {@link Flatten}.
 * The bias is optional (empty array = none); when the dense layer is the last layer its outputs are the class scores.
 */
public record Dense(int outFeatures, int inFeatures, int inputBits, Weights weights, int[] bias) implements Layer {

    public Dense {
        LayerException.range("outFeatures", outFeatures, 1, Limits.MAX_FEATURES);
        LayerException.range("inFeatures", inFeatures, 1, Limits.MAX_FEATURES);
        LayerException.range("inputBits", inputBits, 1, Limits.MAX_INPUT_BITS);
        LayerException.check(weights != null, "weights", "missing");
        LayerException.check(weights.rows() == outFeatures, "weights",
                "has " + weights.rows() + " rows, expected outFeatures = " + outFeatures);
        LayerException.check(weights.cols() == inFeatures, "weights",
                "has " + weights.cols() + " columns, expected inFeatures = " + inFeatures);
        bias = bias == null ? new int[0] : bias.clone();
        LayerException.check(bias.length == 0 || bias.length == outFeatures, "bias",
                "has " + bias.length + " entries, expected 0 (none) or outFeatures = " + outFeatures);
    }

    /** Dense layer without bias. */
    public Dense(int outFeatures, int inFeatures, int inputBits, Weights weights) {
        this(outFeatures, inFeatures, inputBits, weights, new int[0]);
    }

    public int weightBits() {
        return weights.bits();
    }

    public boolean hasBias() {
        return bias.length > 0;
    }

    /**
     * Bytes per stored bias value: 0 without a bias, else the narrowest signed width (1, 2 or 4) that holds every
     * bias of this layer (class-score biases are usually small).
     */
    public int biasWidth() {
        return bias.length == 0 ? 0 : StorageWidth.narrowest(bias);
    }

    /** A copy of the bias (empty if none). */
    @Override
    public int[] bias() {
        return bias.clone();
    }

    /** Bias of output {@code o} (0 if the layer has none). */
    public int bias(int o) {
        return bias.length == 0 ? 0 : bias[o];
    }

    @Override
    public String kind() {
        return "Dense";
    }

    @Override
    public TensorType outputType(TensorType input) {
        Layer.requireLevels(kind(), input);
        LayerException.check(input.bits() == inputBits, "inputBits",
                "= " + inputBits + ", but the incoming levels have " + input.bits() + " bits");
        LayerException.check(input.shape().elements() == inFeatures, "inFeatures",
                "= " + inFeatures + ", but the input " + input.shape() + " has " + input.shape().elements() + " elements");
        long maxBias = 0;
        for (int b : bias) {
            maxBias = Math.max(maxBias, Math.abs((long) b));
        }
        long bound = (long) inFeatures * weights.maxAbs() * input.maxLevel() + maxBias;
        LayerException.check(bound <= Integer.MAX_VALUE, "weights",
                "|accumulator + bias| may reach " + bound + ", more than int32 holds");
        return TensorType.accumulators(Layer.shape("outFeatures", outFeatures, 1, 1));
    }

    @Override
    public long macs(TensorType input) {
        return (long) outFeatures * inFeatures;
    }

    /** Weights plus the bias at {@link #biasWidth()} bytes each. */
    @Override
    public long weightBytes() {
        return weights.storageBytes() + (long) biasWidth() * bias.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dense && ((Dense) o).outFeatures == outFeatures && ((Dense) o).inFeatures == inFeatures
                && ((Dense) o).inputBits == inputBits && ((Dense) o).weights.equals(weights)
                && Arrays.equals(((Dense) o).bias, bias);
    }

    @Override
    public int hashCode() {
        return weights.hashCode() * 31 + Arrays.hashCode(bias) + inputBits;
    }

    @Override
    public String toString() {
        return "Dense[" + inFeatures + " -> " + outFeatures + ", " + weights + (hasBias() ? ", bias" : "") + "]";
    }
}
