package io.dot4j.core.functions.math;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Broadcast;
import io.dot4j.core.tensor.Tensor;

/** y = a + b with numpy broadcasting; each gradient is summed back over the axes its operand was broadcast along. */
public final class Add extends Function {
    private int[] aShape;
    private int[] bShape;

    @Override
    protected Tensor[] forward(Tensor... in) {
        aShape = in[0].shape();
        bShape = in[1].shape();
        return out(Broadcast.apply("add", Broadcast.Op.ADD, in[0], in[1]));
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        Tensor ga = needsInputGrad(0) ? Broadcast.sumTo(gy[0], aShape) : null;
        Tensor gb = needsInputGrad(1) ? Broadcast.sumTo(gy[0], bShape) : null;
        return out(ga, gb);
    }
}
