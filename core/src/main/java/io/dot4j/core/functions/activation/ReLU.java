package io.dot4j.core.functions.activation;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Tensor;

/** y = max(0, x); the gradient passes where y > 0 (0 at x == 0, like Chainer). */
public final class ReLU extends Function {
    private Tensor y;

    @Override
    protected Tensor[] forward(Tensor... in) {
        float[] x = in[0].data();
        Tensor r = Tensor.zerosLike(in[0]);
        float[] o = r.data();
        for (int i = 0; i < x.length; i++) {
            o[i] = Math.max(x[i], 0f);
        }
        if (anyNeedsGrad()) {
            y = r;
        }
        return out(r);
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        float[] g = gy[0].data();
        float[] yd = y.data();
        Tensor gx = Tensor.zerosLike(y);
        float[] o = gx.data();
        for (int i = 0; i < g.length; i++) {
            o[i] = yd[i] > 0f ? g[i] : 0f;
        }
        return out(gx);
    }
}
