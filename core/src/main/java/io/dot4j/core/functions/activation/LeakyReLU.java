package io.dot4j.core.functions.activation;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Tensor;

/** y = x for x >= 0, slope * x otherwise (Chainer's default slope is 0.2). */
public final class LeakyReLU extends Function {
    private final float slope;
    private Tensor x;

    public LeakyReLU(float slope) {
        if (!Float.isFinite(slope)) {
            throw new IllegalArgumentException("leaky_relu: expected a finite slope, actual " + slope);
        }
        this.slope = slope;
    }

    @Override
    protected Tensor[] forward(Tensor... in) {
        float[] xd = in[0].data();
        Tensor y = Tensor.zerosLike(in[0]);
        float[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = xd[i] >= 0f ? xd[i] : slope * xd[i];
        }
        if (anyNeedsGrad()) {
            x = in[0];
        }
        return out(y);
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        float[] g = gy[0].data();
        float[] xd = x.data();
        Tensor gx = Tensor.zerosLike(x);
        float[] d = gx.data();
        for (int i = 0; i < g.length; i++) {
            d[i] = xd[i] >= 0f ? g[i] : slope * g[i];
        }
        return out(gx);
    }
}
