package io.dot4j.core.functions.array;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Shapes;
import io.dot4j.core.tensor.Tensor;

/**
 * Keeps the batch axis and flattens the rest: [N, d1, .., dk] -> [N, d1*..*dk] (what a dense layer after a
 * convolution wants; Chainer's F.flatten would also flatten N). The output shares the input's data.
 */
public final class Flatten extends Function {
    private int[] inShape;

    @Override
    protected Tensor[] forward(Tensor... in) {
        Tensor x = in[0];
        if (x.rank() < 1) {
            throw new ShapeException("flatten: expected an input with a batch axis, actual " + Shapes.str(x.shape()));
        }
        inShape = x.shape();
        int n = inShape[0];
        int rest = 1;
        for (int i = 1; i < inShape.length; i++) {
            rest *= inShape[i];
        }
        return out(x.reshape(n, rest));
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        return out(gy[0].reshape(inShape));
    }
}
