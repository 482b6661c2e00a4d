package io.dot4j.core.functions.math;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Broadcast;
import io.dot4j.core.tensor.Tensor;

/** y = a * b elementwise with numpy broadcasting: da = sumTo(gy * b), db = sumTo(gy * a). */
public final class Mul extends Function {
    private Tensor a;
    private Tensor b;

    @Override
    protected Tensor[] forward(Tensor... in) {
        if (anyNeedsGrad()) {
            a = in[0];
            b = in[1];
        }
        return out(Broadcast.apply("mul", Broadcast.Op.MUL, in[0], in[1]));
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        Tensor ga = needsInputGrad(0) ? Broadcast.sumTo(Broadcast.apply("mul", Broadcast.Op.MUL, gy[0], b), a.shape()) : null;
        Tensor gb = needsInputGrad(1) ? Broadcast.sumTo(Broadcast.apply("mul", Broadcast.Op.MUL, gy[0], a), b.shape()) : null;
        return out(ga, gb);
    }
}
