package io.dot4j.runtime.ir;

/**
 * An {@link IntModel} that breaks a rule, with the index of the offending layer (-1 for the model header)
 * and the name of the field, so that readers and tools can point at it.
 */
public final class ModelValidationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int layerIndex;
    private final String field;
    private final String detail;

    public ModelValidationException(int layerIndex, String field, String detail) {
        this(layerIndex, null, field, detail);
    }

    /** As above, naming the layer's kind too: "layer 3 (Dense) 'inFeatures' = 12, but ...". */
    public ModelValidationException(int layerIndex, String layerKind, String field, String detail) {
        super((layerIndex < 0 ? "model" : "layer " + layerIndex) + (layerKind == null ? "" : " (" + layerKind + ")")
                + " " + LayerException.describe(field, detail));
        this.layerIndex = layerIndex;
        this.field = field;
        this.detail = detail;
    }

    /** Index of the layer at fault, or -1 when the model header (input shape, classes, layer list) is at fault. */
    public int layerIndex() {
        return layerIndex;
    }

    public String field() {
        return field;
    }

    /** The message without the layer/field prefix. */
    public String detail() {
        return detail;
    }
}
