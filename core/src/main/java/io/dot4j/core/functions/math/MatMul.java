package io.dot4j.core.functions.math;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Gemm;
import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Shapes;
import io.dot4j.core.tensor.Tensor;

/** y = a b for 2-d a [m, k] and b [k, n]; da = gy b^T, db = a^T gy. */
public final class MatMul extends Function {
    private Tensor a;
    private Tensor b;

    @Override
    protected Tensor[] forward(Tensor... in) {
        Tensor x = in[0];
        Tensor w = in[1];
        if (x.rank() != 2 || w.rank() != 2 || x.dim(1) != w.dim(0)) {
            throw new ShapeException("matmul: expected 2-d a, b with a.shape[1] == b.shape[0], actual "
                    + Shapes.str(x.shape()) + " x " + Shapes.str(w.shape()));
        }
        if (anyNeedsGrad()) {
            a = x;
            b = w;
        }
        int m = x.dim(0);
        int k = x.dim(1);
        int n = w.dim(1);
        Tensor y = Tensor.zeros(m, n);
        Gemm.nn(m, n, k, x.data(), w.data(), y.data(), false);
        return out(y);
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        int m = a.dim(0);
        int k = a.dim(1);
        int n = b.dim(1);
        Tensor ga = null;
        Tensor gb = null;
        if (needsInputGrad(0)) {
            ga = Tensor.zeros(m, k);
            Gemm.nt(m, k, n, gy[0].data(), b.data(), ga.data(), false);
        }
        if (needsInputGrad(1)) {
            gb = Tensor.zeros(k, n);
            Gemm.tn(k, n, m, a.data(), gy[0].data(), gb.data(), false);
        }
        return out(ga, gb);
    }
}
