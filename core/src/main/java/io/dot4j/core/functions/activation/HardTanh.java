package io.dot4j.core.functions.activation;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Tensor;

/** y = clamp(x, min, max); the gradient passes strictly inside (min, max) and is 0 outside. */
public final class HardTanh extends Function {
    private final float min;
    private final float max;
    private Tensor x;

    public HardTanh(float min, float max) {
        if (!(min < max)) {
            throw new IllegalArgumentException("hard_tanh: expected min < max, actual min=" + min + " max=" + max);
        }
        this.min = min;
        this.max = max;
    }

    @Override
    protected Tensor[] forward(Tensor... in) {
        float[] xd = in[0].data();
        Tensor y = Tensor.zerosLike(in[0]);
        float[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = Math.min(max, Math.max(min, xd[i]));
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
            d[i] = xd[i] > min && xd[i] < max ? g[i] : 0f;
        }
        return out(gx);
    }
}
