package io.dot4j.core.functions.math;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Broadcast;
import io.dot4j.core.tensor.Tensor;

/** y = a / b elementwise with numpy broadcasting: da = sumTo(gy / b), db = sumTo(-gy * y / b). */
public final class Div extends Function {
    private Tensor a;
    private Tensor b;
    private Tensor y;

    @Override
    protected Tensor[] forward(Tensor... in) {
        Tensor r = Broadcast.apply("div", Broadcast.Op.DIV, in[0], in[1]);
        if (anyNeedsGrad()) {
            a = in[0];
            b = in[1];
            y = r;
        }
        return out(r);
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        Tensor gOverB = Broadcast.apply("div", Broadcast.Op.DIV, gy[0], b);
        Tensor ga = needsInputGrad(0) ? Broadcast.sumTo(gOverB, a.shape()) : null;
        Tensor gb = null;
        if (needsInputGrad(1)) {
            gb = Broadcast.sumTo(Broadcast.apply("div", Broadcast.Op.MUL, gOverB, y), b.shape()).scaleInPlace(-1f);
        }
        return out(ga, gb);
    }
}
