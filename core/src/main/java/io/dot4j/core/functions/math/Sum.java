package io.dot4j.core.functions.math;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Tensor;

/** Sum over all elements (a scalar) or over one axis (that axis removed, or kept as size 1 with keepDims). */
public final class Sum extends Function {
    private final Integer axis;
    private final boolean keepDims;
    private AxisReduction r;

    /** Sum of all elements. */
    public Sum() {
        this(null, false);
    }

    public Sum(Integer axis, boolean keepDims) {
        this.axis = axis;
        this.keepDims = keepDims;
    }

    @Override
    protected Tensor[] forward(Tensor... in) {
        r = new AxisReduction("sum", in[0].shape(), axis, keepDims);
        return out(r.sum(in[0], 1f));
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        return out(r.spread(gy[0], 1f));
    }
}
