package io.dot4j.quant.quantizers;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.tensor.Tensor;

/**
 * A weight quantizer: a recipe for making one graph node per call (the fake-quantized weight with a straight-through
 * gradient) and the same quantization as integers and scales, which is what the integer model stores.
 * The two must agree: {@code apply(w).data()} equals {@code quantize(w.data()).toTensor(w.shape())} bit for bit.
 */
public interface WeightQuantizer {
    /** Fake-quantized weights, recorded in the graph with a straight-through gradient. */
    Variable apply(Variable w);

    /** The integer levels and scales of a weight tensor. */
    QuantizedWeights quantize(Tensor w);

    /** Bits per weight in the integer model: 1 (±1), 2 ({-3,-1,1,3}) or 8 (int8). */
    int runtimeBits();

    Scaling scaling();

    /** Same quantizer with another scaling. */
    WeightQuantizer withScaling(Scaling scaling);
}
