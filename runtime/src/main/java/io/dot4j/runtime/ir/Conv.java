package io.dot4j.runtime.ir;

/**
 * 2-D convolution on levels, producing int32 accumulators.
 *
 * <p>out[oy][ox][o] = sum over ky, kx, c of w[o][(ky*kernelWidth + kx)*inChannels + c] * x[iy][ix][c]
 * with iy = oy*stride - padding + ky and ix = ox*stride - padding + kx. Positions outside the input are
 * <b>padding: they hold activation level 0</b>, so they add nothing to the sum, whatever the weight.
 * (A network trained with ±1 activations must therefore map "zero padding" to level 0 when it is lowered.)
 * Output size: floor((H + 2*padding - kernelHeight) / stride) + 1, likewise for the width.
 *
 * @param inputBits bits of the incoming levels: 8 for raw pixels, else the bits of the feeding
 *                  ThresholdActivation (or wider after a GlobalSumPool); must match the chain exactly
 */
public record Conv(int outChannels, int inChannels, int kernelHeight, int kernelWidth, int stride, int padding,
                   int inputBits, Weights weights) implements Layer {

    public Conv {
        LayerException.range("outChannels", outChannels, 1, Limits.MAX_DIM);
        LayerException.range("inChannels", inChannels, 1, Limits.MAX_DIM);
        LayerException.range("kernelHeight", kernelHeight, 1, Limits.MAX_KERNEL);
        LayerException.range("kernelWidth", kernelWidth, 1, Limits.MAX_KERNEL);
        LayerException.range("stride", stride, 1, Limits.MAX_STRIDE);
        LayerException.range("padding", padding, 0, Limits.MAX_PADDING);
        LayerException.range("inputBits", inputBits, 1, Limits.MAX_INPUT_BITS);
        LayerException.check(weights != null, "weights", "missing");
        LayerException.check(weights.rows() == outChannels, "weights",
                "has " + weights.rows() + " rows, expected outChannels = " + outChannels);
        long fanIn = (long) kernelHeight * kernelWidth * inChannels;
        LayerException.check(weights.cols() == fanIn, "weights",
                "has " + weights.cols() + " columns, expected kernelHeight*kernelWidth*inChannels = " + fanIn);
    }

    /** Inputs per output: kernelHeight * kernelWidth * inChannels. */
    public int fanIn() {
        return weights.cols();
    }

    public int weightBits() {
        return weights.bits();
    }

    @Override
    public String kind() {
        return "Conv";
    }

    @Override
    public TensorType outputType(TensorType input) {
        Layer.requireLevels(kind(), input);
        Shape in = input.shape();
        LayerException.check(input.bits() == inputBits, "inputBits",
                "= " + inputBits + ", but the incoming levels have " + input.bits() + " bits");
        LayerException.check(in.channels() == inChannels, "inChannels",
                "= " + inChannels + ", but the input " + in + " has " + in.channels() + " channels");
        long ph = (long) in.height() + 2L * padding, pw = (long) in.width() + 2L * padding;
        LayerException.check(ph >= kernelHeight, "kernelHeight",
                "= " + kernelHeight + " exceeds the padded input height " + ph);
        LayerException.check(pw >= kernelWidth, "kernelWidth",
                "= " + kernelWidth + " exceeds the padded input width " + pw);
        long bound = (long) fanIn() * weights.maxAbs() * input.maxLevel();
        LayerException.check(bound <= Integer.MAX_VALUE, "weights",
                "|accumulator| may reach " + bound + ", more than int32 holds");
        return TensorType.accumulators(Layer.shape("outChannels", outChannels,
                (ph - kernelHeight) / stride + 1, (pw - kernelWidth) / stride + 1));
    }

    @Override
    public long macs(TensorType input) {
        Shape out = outputType(input).shape();
        return (long) out.height() * out.width() * outChannels * fanIn();
    }

    @Override
    public long weightBytes() {
        return weights.storageBytes();
    }
}
