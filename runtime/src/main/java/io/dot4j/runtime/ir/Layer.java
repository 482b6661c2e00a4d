package io.dot4j.runtime.ir;

/**
 * One step of an {@link IntModel}. Each layer knows which input it accepts and what it produces;
 * {@link IntModel} chains them from the input image to the class scores.
 */
public sealed interface Layer permits Conv, Dense, ThresholdActivation, MaxPool, GlobalSumPool, Flatten {

    /** Short name of the layer kind, as printed by tools ("Conv", "Dense", ...). */
    String kind();

    /**
     * The type this layer produces from {@code input}.
     *
     * @throws LayerException naming the field that does not fit the input
     */
    TensorType outputType(TensorType input);

    /** Multiply-accumulates per image for this input (0 for layers that do not multiply). */
    default long macs(TensorType input) {
        return 0;
    }

    /** Bytes of weights and bias as stored in a .dot4j file, format versions 3 and 4 (0 for layers without weights). */
    default long weightBytes() {
        return 0;
    }

    /** Bytes of thresholds and sign flags as stored in the model (0 for layers without thresholds). */
    default long thresholdBytes() {
        return 0;
    }

    /** Checks that {@code input} is a tensor of levels (not raw accumulators) and names the layer if not. */
    static void requireLevels(String kind, TensorType input) {
        if (!input.isLevels()) {
            throw new LayerException("input", kind + " needs activation levels but gets " + input
                    + "; put a ThresholdActivation in between");
        }
    }

    /** Builds a shape, reporting a bad one against {@code field}. */
    static Shape shape(String field, long c, long h, long w) {
        if (c < 1 || h < 1 || w < 1) {
            throw new LayerException(field, "output shape would be (" + c + "," + h + "," + w + "), every dimension must be >= 1");
        }
        if (c * h * w > Limits.MAX_TENSOR_ELEMENTS) {
            throw new LayerException(field, "output shape (" + c + "," + h + "," + w + ") has more than "
                    + Limits.MAX_TENSOR_ELEMENTS + " elements");
        }
        return new Shape((int) c, (int) h, (int) w);
    }
}
