package io.dot4j.core.functions.noise;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Tensor;

import java.util.random.RandomGenerator;

/**
 * Zeroes each element with probability {@code ratio} and scales the survivors by 1 / (1 - ratio), so the expected
 * value is unchanged (inverted dropout, as Chainer). The mask is drawn from the given generator in row-major order,
 * so a seeded generator gives the same mask every run. With ratio 0 it is the identity. In evaluation, do not call it
 * at all ({@code F.dropout(x, ratio, rng, false)} returns x).
 */
public final class Dropout extends Function {
    private final float ratio;
    private final RandomGenerator rng;
    private float[] mask;

    public Dropout(float ratio, RandomGenerator rng) {
        if (!(ratio >= 0f && ratio < 1f)) {
            throw new IllegalArgumentException("dropout: expected 0 <= ratio < 1, actual " + ratio);
        }
        this.ratio = ratio;
        this.rng = rng;
    }

    @Override
    protected Tensor[] forward(Tensor... in) {
        float[] xd = in[0].data();
        float scale = 1f / (1f - ratio);
        float[] m = new float[xd.length];
        Tensor y = Tensor.zerosLike(in[0]);
        float[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            m[i] = ratio == 0f || rng.nextFloat() >= ratio ? scale : 0f;
            yd[i] = xd[i] * m[i];
        }
        if (anyNeedsGrad()) {
            mask = m;
        }
        return out(y);
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        float[] g = gy[0].data();
        Tensor gx = Tensor.zerosLike(gy[0]);
        float[] d = gx.data();
        for (int i = 0; i < g.length; i++) {
            d[i] = g[i] * mask[i];
        }
        return out(gx);
    }
}
