package io.dot4j.quant.layers;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.nn.Conv2d;
import io.dot4j.core.nn.Initializer;
import io.dot4j.core.tensor.Rng;
import io.dot4j.quant.quantizers.QuantizedWeights;
import io.dot4j.quant.quantizers.WeightQuantizer;

import java.util.Objects;

/**
 * A core {@link Conv2d} (same parameters "W" and "b", same paths, same initialization) whose forward quantizes the
 * latent float weight first: y = conv2d(x, Q(W), b). The float W is what the optimizer updates; Q(W) is what the
 * integer model stores ({@link #quantizedWeights()}).
 */
public class QuantConv2d extends Conv2d {
    private final WeightQuantizer quantizer;

    public QuantConv2d(int inChannels, int outChannels, int kernel, int stride, int pad, boolean bias,
                       WeightQuantizer quantizer, Rng rng) {
        super(inChannels, outChannels, kernel, kernel, stride, pad, bias, Initializer.he(), rng);
        this.quantizer = Objects.requireNonNull(quantizer, "quantizer");
    }

    /** A quantized twin of a float convolution with copies of its weight and bias. */
    public static QuantConv2d of(Conv2d conv, WeightQuantizer quantizer) {
        if (conv.kernelH() != conv.kernelW()) {
            throw new IllegalArgumentException("QuantConv2d: expected a square kernel, actual " + conv.kernelH() + "x" + conv.kernelW());
        }
        QuantConv2d q = new QuantConv2d(conv.inChannels(), conv.outChannels(), conv.kernelH(), conv.stride(), conv.pad(),
                conv.bias() != null, quantizer, new Rng(0));
        q.weight().setData(conv.weight().data().copy());
        if (conv.bias() != null) {
            q.bias().setData(conv.bias().data().copy());
        }
        return q;
    }

    @Override
    public Variable forward(Variable x) {
        return F.conv2d(x, quantizer.apply(weight()), bias(), stride(), pad());
    }

    public WeightQuantizer quantizer() {
        return quantizer;
    }

    /** The integer levels (rows = output channels, columns in core's (c, ky, kx) order) and scales of W now. */
    public QuantizedWeights quantizedWeights() {
        return quantizer.quantize(weight().data());
    }

    @Override
    public String toString() {
        return "Quant" + super.toString() + "[" + quantizer + "]";
    }
}
