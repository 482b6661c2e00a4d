package io.dot4j.quant.network;

import io.dot4j.quant.layers.Precision;

import java.util.Objects;

/**
 * One entry of a {@link NetworkSpec}. A convolution or a dense layer that is not the last one is followed by a
 * batch normalization and a k-bit activation automatically; pooling comes after that activation.
 */
public sealed interface LayerSpec {

    /** Convolution with a square kernel; followed by BatchNorm and a QuantActivation. */
    record Conv(int outChannels, int kernel, int stride, int pad, boolean bias, Precision precision) implements LayerSpec {
        public Conv {
            positive("conv outChannels", outChannels);
            positive("conv kernel", kernel);
            positive("conv stride", stride);
            if (pad < 0) {
                throw new IllegalArgumentException("conv pad: expected >= 0, actual " + pad);
            }
            Objects.requireNonNull(precision, "precision");
        }

        public Conv(int outChannels, int kernel, int stride, int pad, Precision precision) {
            this(outChannels, kernel, stride, pad, false, precision);
        }
    }

    /** Max pooling over kernel x kernel windows, no padding (on levels, after the activation quantizer). */
    record MaxPool(int kernel, int stride) implements LayerSpec {
        public MaxPool {
            positive("maxpool kernel", kernel);
            positive("maxpool stride", stride);
        }
    }

    /** [C, H, W] -> [C*H*W]. */
    record Flatten() implements LayerSpec {
    }

    /** Per-channel sum over all positions. */
    record GlobalSumPool() implements LayerSpec {
    }

    /**
     * Dense layer. Hidden (not last): followed by BatchNorm and a QuantActivation. Last: the class scores, with an
     * optional bias, weights with one scale per tensor.
     */
    record Dense(int outFeatures, boolean bias, Precision precision) implements LayerSpec {
        public Dense {
            positive("dense outFeatures", outFeatures);
            Objects.requireNonNull(precision, "precision");
        }
    }

    private static void positive(String what, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(what + ": expected >= 1, actual " + v);
        }
    }
}
