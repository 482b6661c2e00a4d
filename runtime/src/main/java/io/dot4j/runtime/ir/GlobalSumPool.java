package io.dot4j.runtime.ir;

/**
 * Sums the levels of each channel over all positions: (C,H,W) -> (C,1,1). Exact integer stand-in for global
 * average pooling (the 1/(H*W) factor folds into whatever follows). The output levels need
 * bitLength(H*W*(2^bits - 1)) bits, which the next layer's {@code inputBits} must match.
 */
public record GlobalSumPool() implements Layer {

    @Override
    public String kind() {
        return "GlobalSumPool";
    }

    @Override
    public TensorType outputType(TensorType input) {
        Layer.requireLevels(kind(), input);
        Shape in = input.shape();
        long max = (long) in.height() * in.width() * input.maxLevel();
        int bits = Math.max(1, 64 - Long.numberOfLeadingZeros(max));
        LayerException.check(bits <= 31, "input", "sums may reach " + max + ", more than int32 holds");
        return TensorType.levels(new Shape(in.channels(), 1, 1), bits);
    }
}
