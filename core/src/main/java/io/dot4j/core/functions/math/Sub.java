package io.dot4j.core.functions.math;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Broadcast;
import io.dot4j.core.tensor.Tensor;

/** y = a - b with numpy broadcasting. */
public final class Sub extends Function {
    private int[] aShape;
    private int[] bShape;

    @Override
    protected Tensor[] forward(Tensor... in) {
        aShape = in[0].shape();
        bShape = in[1].shape();
        return out(Broadcast.apply("sub", Broadcast.Op.SUB, in[0], in[1]));
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        Tensor ga = needsInputGrad(0) ? Broadcast.sumTo(gy[0], aShape) : null;
        Tensor gb = needsInputGrad(1) ? Broadcast.sumTo(gy[0], bShape).scale(-1f) : null;
        return out(ga, gb);
    }
}
