package io.dot4j.core.functions.activation;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Tensor;

/** y = tanh(x); dy/dx = 1 - y^2. */
public final class Tanh extends Function {
    private Tensor y;

    @Override
    protected Tensor[] forward(Tensor... in) {
        float[] xd = in[0].data();
        Tensor r = Tensor.zerosLike(in[0]);
        float[] yd = r.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = (float) Math.tanh(xd[i]);
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
        float[] d = gx.data();
        for (int i = 0; i < g.length; i++) {
            d[i] = g[i] * (1f - yd[i] * yd[i]);
        }
        return out(gx);
    }
}
