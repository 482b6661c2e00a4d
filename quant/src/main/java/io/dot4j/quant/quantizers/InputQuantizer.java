package io.dot4j.quant.quantizers;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Tensor;

/**
 * The network input as 8-bit levels: x_q = round(clip(x, 0, 1) * 255) / 255 (half up). Training feeds pixel / 255,
 * which this leaves unchanged (x_q is computed as level / 255f, the same float as the data loader's pixel / 255f), so
 * the float network sees exactly the levels 0..255 the integer model receives.
 *
 * <p>Why the first layer then lowers exactly: its float accumulator is sum_i w_q,i * x_i = s * sum_i q_i * p_i / 255,
 * i.e. s/255 times the integer accumulator sum_i q_i * p_i over the raw pixels p_i; the factor s/255 (and s * step for
 * later layers) goes into the thresholds. Gradient: identity inside [0, 1], 0 outside (inputs rarely need one).
 */
public final class InputQuantizer extends Function {
    public static final int LEVELS = 255;
    private Tensor x;

    /** The 8-bit level of one input value. */
    public static int level(float x) {
        if (!(x > 0f)) {
            return 0;
        }
        if (x >= 1f) {
            return LEVELS;
        }
        return (int) Math.floor(x * (double) LEVELS + 0.5);
    }

    @Override
    protected Tensor[] forward(Tensor... in) {
        float[] d = in[0].data();
        Tensor y = Tensor.zerosLike(in[0]);
        float[] o = y.data();
        for (int i = 0; i < d.length; i++) {
            o[i] = level(d[i]) / 255f;
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
        for (int i = 0; i < g.length; i++) {
            gx.data()[i] = xd[i] >= 0f && xd[i] <= 1f ? g[i] : 0f;
        }
        return out(gx);
    }
}
