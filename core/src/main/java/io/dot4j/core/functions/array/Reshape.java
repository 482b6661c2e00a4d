package io.dot4j.core.functions.array;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Tensor;

/** A new shape for the same elements (one dimension may be -1); the output shares the input's data. */
public final class Reshape extends Function {
    private final int[] shape;
    private int[] inShape;

    public Reshape(int... shape) {
        this.shape = shape.clone();
    }

    @Override
    protected Tensor[] forward(Tensor... in) {
        inShape = in[0].shape();
        return out(in[0].reshape(shape));
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        return out(gy[0].reshape(inShape));
    }
}
