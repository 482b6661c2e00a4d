package io.dot4j.quant.layers;

/** The family of a layer's weight quantizer. */
public enum WeightKind {
    /** ±1 times a scale ({@link io.dot4j.quant.quantizers.BinaryWeight}); 1 bit. */
    BINARY,
    /** {-1, 0, +1} times a scale ({@link io.dot4j.quant.quantizers.TernaryWeight}); stored as int8. */
    TERNARY,
    /** k-bit symmetric uniform ({@link io.dot4j.quant.quantizers.UniformWeight}), k = 2..8. */
    UNIFORM
}
