package io.dot4j.core.functions.math;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Tensor;

/** Mean over all elements (a scalar) or over one axis (removed, or kept as size 1 with keepDims). */
public final class Mean extends Function {
    private final Integer axis;
    private final boolean keepDims;
    private AxisReduction r;

    /** Mean of all elements. */
    public Mean() {
        this(null, false);
    }

    public Mean(Integer axis, boolean keepDims) {
        this.axis = axis;
        this.keepDims = keepDims;
    }

    @Override
    protected Tensor[] forward(Tensor... in) {
        r = new AxisReduction("mean", in[0].shape(), axis, keepDims);
        if (r.n == 0) {
            throw new ShapeException("mean: expected a non-empty reduction, actual shape " + java.util.Arrays.toString(in[0].shape()));
        }
        return out(r.sum(in[0], 1f / r.n));
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        return out(r.spread(gy[0], 1f / r.n));
    }
}
