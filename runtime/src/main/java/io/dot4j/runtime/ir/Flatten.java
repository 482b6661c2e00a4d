package io.dot4j.runtime.ir;

/**
 * (C,H,W) -> (C*H*W,1,1), keeping the channel-last order (index (y*W + x)*C + c). Moves no data.
 */
public record Flatten() implements Layer {

    @Override
    public String kind() {
        return "Flatten";
    }

    @Override
    public TensorType outputType(TensorType input) {
        Layer.requireLevels(kind(), input);
        return TensorType.levels(new Shape(input.shape().elements(), 1, 1), input.bits());
    }
}
