package io.dot4j.quant.quantizers;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Tensor;

/**
 * PACT (Choi et al.): k-bit activations clipped to a learnable [0, alpha]; inputs (x, alpha[1]). Forward as
 * {@link ActivationQuantizer} with max = alpha. Gradients: dL/dx = dL/dy strictly inside (0, alpha), 0 elsewhere;
 * dL/dalpha = sum of dL/dy over the elements with x >= alpha (the clipped ones; PACT's straight-through estimate, which
 * ignores alpha's effect on the step inside the range).
 *
 * <p>An alpha below {@link #MIN_ALPHA} (weight decay can push it there) is used as MIN_ALPHA so the step stays
 * positive; the integer model is lowered with the same effective value.
 */
public final class PactActivation extends Function {
    public static final float MIN_ALPHA = 1e-3f;

    private final int bits;
    private Tensor x;
    private float alpha;
    private int[] alphaShape;

    public PactActivation(int bits) {
        ActivationQuantizer.check(bits, 1f);
        this.bits = bits;
    }

    /** The clip value actually used for a parameter value. */
    public static float effectiveAlpha(float alpha) {
        return Float.isNaN(alpha) ? MIN_ALPHA : Math.max(MIN_ALPHA, alpha);
    }

    @Override
    protected Tensor[] forward(Tensor... in) {
        if (in.length != 2 || in[1].size() != 1) {
            throw new ShapeException("pact: expected inputs (x, alpha) with a one-element alpha");
        }
        alpha = effectiveAlpha(in[1].data()[0]);
        alphaShape = in[1].shape();
        if (Float.isInfinite(alpha)) {
            throw new IllegalArgumentException("pact: expected a finite alpha, actual " + alpha);
        }
        if (anyNeedsGrad()) {
            x = in[0];
        }
        return out(ActivationQuantizer.quantize(in[0], bits, ActivationQuantizer.step(bits, alpha)));
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        float[] g = gy[0].data();
        float[] xd = x.data();
        Tensor gx = needsInputGrad(0) ? Tensor.zerosLike(x) : null;
        double ga = 0;
        for (int i = 0; i < g.length; i++) {
            if (xd[i] >= alpha) {
                ga += g[i];
            } else if (gx != null && xd[i] > 0f) {
                gx.data()[i] = g[i];
            }
        }
        Tensor galpha = needsInputGrad(1) ? Tensor.full((float) ga, alphaShape) : null;
        return out(gx, galpha);
    }
}
