package io.dot4j.runtime.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An integer-only network: unsigned 8-bit pixels in, int32 class scores out. Validated on construction:
 * every layer accepts what the previous one produces, and the last layer is a {@link Dense} with one
 * output per class. Its outputs (accumulators plus optional bias) are the class scores; the predicted
 * class is the argmax, the lowest index on ties.
 *
 * <p>The input image is laid out channel-last (HWC): pixel (c, y, x) at index (y*W + x)*C + c; for one
 * channel that is plain row-major order, exactly as MNIST-style data stores it.
 */
public record IntModel(Shape input, List<Layer> layers, int numClasses) {

    /** Bits of an input pixel. */
    public static final int PIXEL_BITS = 8;

    public IntModel {
        if (input == null) {
            throw new ModelValidationException(-1, "input", "missing");
        }
        if (input.channels() > Limits.MAX_DIM || input.height() > Limits.MAX_DIM || input.width() > Limits.MAX_DIM) {
            throw new ModelValidationException(-1, "input", "shape " + input + " has a dimension above " + Limits.MAX_DIM);
        }
        if (numClasses < 1 || numClasses > Limits.MAX_CLASSES) {
            throw new ModelValidationException(-1, "numClasses", "= " + numClasses + ", expected 1.." + Limits.MAX_CLASSES);
        }
        if (layers == null || layers.isEmpty() || layers.size() > Limits.MAX_LAYERS) {
            throw new ModelValidationException(-1, "layers", "has " + (layers == null ? "null" : String.valueOf(layers.size()))
                    + " layers, expected 1.." + Limits.MAX_LAYERS);
        }
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) == null) {
                throw new ModelValidationException(i, "layer", "missing (null)");
            }
        }
        layers = List.copyOf(layers);
        outputTypes(input, layers, numClasses);
    }

    /** Type of the model input: the image as 8-bit levels. */
    public TensorType inputType() {
        return TensorType.levels(input, PIXEL_BITS);
    }

    /** The type every layer produces, in order (element i is the output of layer i). */
    public List<TensorType> outputTypes() {
        return outputTypes(input, layers, numClasses);
    }

    /**
     * Chains the types from the input through every layer; a layer that does not fit throws a
     * {@link ModelValidationException} naming its index and field. Exposed so readers can validate a
     * prefix of layers while parsing.
     */
    public static List<TensorType> outputTypes(Shape input, List<Layer> layers, int numClasses) {
        List<TensorType> out = new ArrayList<>(layers.size());
        TensorType t = TensorType.levels(input, PIXEL_BITS);
        for (int i = 0; i < layers.size(); i++) {
            t = nextType(i, layers.get(i), t);
            out.add(t);
        }
        int last = layers.size() - 1;
        if (!(layers.get(last) instanceof Dense)) {
            throw new ModelValidationException(last, layers.get(last).kind(), "kind",
                    "the last layer must be Dense (its accumulators are the scores), got " + layers.get(last).kind());
        }
        if (t.shape().elements() != numClasses) {
            throw new ModelValidationException(last, "Dense", "outFeatures", "= " + t.shape().elements()
                    + ", expected numClasses = " + numClasses);
        }
        return Collections.unmodifiableList(out);
    }

    /** The output type of layer {@code index} given its input type, with errors naming the layer. */
    public static TensorType nextType(int index, Layer layer, TensorType in) {
        if (layer == null) {
            throw new ModelValidationException(index, "layer", "missing");
        }
        try {
            return layer.outputType(in);
        } catch (LayerException e) {
            throw new ModelValidationException(index, layer.kind(), e.field(), e.detail());
        }
    }

    /** Per-layer sizes and costs for one image. */
    public List<LayerStats> layerStats() {
        List<TensorType> types = outputTypes();
        List<LayerStats> stats = new ArrayList<>(layers.size());
        TensorType in = inputType();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            TensorType out = types.get(i);
            long act = l instanceof Flatten ? 0 : out.storageBytes();
            stats.add(new LayerStats(i, l.kind(), in, out, l.weightBytes(), l.thresholdBytes(), l.macs(in), act));
            in = out;
        }
        return stats;
    }

    /** Multiply-accumulates per image, all layers. */
    public long totalMacs() {
        return layerStats().stream().mapToLong(LayerStats::macs).sum();
    }

    /** Weight, bias, threshold and sign bytes of all layers. */
    public long parameterBytes() {
        return layerStats().stream().mapToLong(s -> s.weightBytes() + s.thresholdBytes()).sum();
    }

    /**
     * Peak activation memory: the largest (input + output) pair of buffers over all layers, levels packed at their
     * bit width, accumulators at 4 bytes, the image at 1 byte per pixel. A {@link Flatten} is a view of its
     * input, so it forms no pair of its own.
     */
    public long peakActivationBytes() {
        long peak = 0;
        for (LayerStats s : layerStats()) {
            if (!"Flatten".equals(s.kind())) {
                peak = Math.max(peak, s.input().storageBytes() + s.output().storageBytes());
            }
        }
        return peak;
    }

    /** Index of the largest score, the lowest index on ties. */
    public static int argmax(int[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return best;
    }
}
