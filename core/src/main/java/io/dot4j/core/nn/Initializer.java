package io.dot4j.core.nn;

import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;

/**
 * Fills a new weight tensor. fanIn and fanOut are the number of inputs feeding one output and outputs fed by one
 * input: for a dense layer W [out, in] they are in and out; for a convolution W [oc, ic, kh, kw] they are ic*kh*kw and
 * oc*kh*kw (long: the products of int dimensions need not fit an int). Values are drawn from the given seeded generator in row-major order, so a seed fixes the bits.
 */
@FunctionalInterface
public interface Initializer {
    Tensor create(int[] shape, long fanIn, long fanOut, Rng rng);

    /** He (Kaiming) normal: N(0, 2 / fanIn), the usual choice in front of ReLU. */
    static Initializer he() {
        return (shape, fanIn, fanOut, rng) -> Tensor.randn(rng, (float) Math.sqrt(2.0 / positive("He", fanIn)), shape);
    }

    /** Glorot (Xavier) uniform: U(-a, a) with a = sqrt(6 / (fanIn + fanOut)). */
    static Initializer glorot() {
        return (shape, fanIn, fanOut, rng) -> {
            float a = (float) Math.sqrt(6.0 / positive("Glorot", fanIn + fanOut));
            return Tensor.uniform(rng, -a, a, shape);
        };
    }

    /** Every element equal to {@code value} (biases, batch-norm gamma and beta); draws nothing. */
    static Initializer constant(float value) {
        return (shape, fanIn, fanOut, rng) -> Tensor.full(value, shape);
    }

    static Initializer zeros() {
        return constant(0f);
    }

    private static long positive(String name, long fan) {
        if (fan <= 0) {
            throw new IllegalArgumentException(name + " initializer: expected a positive fan, actual " + fan);
        }
        return fan;
    }
}
