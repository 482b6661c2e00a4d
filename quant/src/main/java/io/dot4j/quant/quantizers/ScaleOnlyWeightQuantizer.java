package io.dot4j.quant.quantizers;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.tensor.Tensor;
import java.util.Objects;

/**
 * The recipe of a weight quantizer whose only setting is its scaling ({@link BinaryWeight}, {@link TernaryWeight}).
 * A record of an enum and a scaling, so two recipes with the same settings are equal.
 */
record ScaleOnlyWeightQuantizer(Kind kind, Scaling scaling) implements WeightQuantizer {
    enum Kind {
        BINARY("binary", 1),
        TERNARY("ternary", 8);

        private final String label;
        private final int runtimeBits;

        Kind(String label, int runtimeBits) {
            this.label = label;
            this.runtimeBits = runtimeBits;
        }
    }

    ScaleOnlyWeightQuantizer {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scaling, "scaling");
    }

    @Override
    public Variable apply(Variable w) {
        return switch (kind) {
            case BINARY -> new BinaryWeight(scaling).apply(w);
            case TERNARY -> new TernaryWeight(scaling).apply(w);
        };
    }

    @Override
    public QuantizedWeights quantize(Tensor w) {
        return switch (kind) {
            case BINARY -> BinaryWeight.quantize(w, scaling);
            case TERNARY -> TernaryWeight.quantize(w, scaling);
        };
    }

    @Override
    public int runtimeBits() {
        return kind.runtimeBits;
    }

    @Override
    public WeightQuantizer withScaling(Scaling s) {
        return new ScaleOnlyWeightQuantizer(kind, s);
    }

    @Override
    public String toString() {
        return kind.label + "(" + scaling + ")";
    }
}
