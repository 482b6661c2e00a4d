package io.dot4j.core.functions.activation;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Tensor;

/** y = 1 / (1 + e^-x), computed without overflow for large |x|; dy/dx = y (1 - y). */
public final class Sigmoid extends Function {
    private Tensor y;

    @Override
    protected Tensor[] forward(Tensor... in) {
        float[] xd = in[0].data();
        Tensor r = Tensor.zerosLike(in[0]);
        float[] yd = r.data();
        for (int i = 0; i < xd.length; i++) {
            double v = xd[i];
            // e^-|x| never overflows; pick the algebraically equal form for each sign
            double e = Math.exp(-Math.abs(v));
            yd[i] = (float) (v >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e));
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
            d[i] = g[i] * yd[i] * (1f - yd[i]);
        }
        return out(gx);
    }
}
