package io.dot4j.quant.layers;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.nn.Module;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.quant.quantizers.ActivationQuantizer;
import io.dot4j.quant.quantizers.PactActivation;

/**
 * k-bit activation as a module: a fixed clip ({@link ActivationQuantizer}) or a learnt one (PACT, parameter "alpha"
 * starting at the given clip). Its output values are level * {@link #step()}, the levels being what the integer model
 * passes on.
 */
public final class QuantActivation extends Module {
    private final int bits;
    private final float clip;
    private final Variable alpha;

    public QuantActivation(int bits, float clip, boolean pact) {
        if (bits < 1 || bits > 8) {
            throw new IllegalArgumentException("QuantActivation: expected bits 1..8, actual " + bits);
        }
        if (!(clip > 0f) || Float.isInfinite(clip)) {
            throw new IllegalArgumentException("QuantActivation: expected a finite clip > 0, actual " + clip);
        }
        this.bits = bits;
        this.clip = clip;
        this.alpha = pact ? addParameter("alpha", Tensor.full(clip, 1)) : null;
    }

    public static QuantActivation of(Precision p) {
        return new QuantActivation(p.activationBits(), p.clip(), p.pact());
    }

    @Override
    public Variable forward(Variable x) {
        return alpha == null ? new ActivationQuantizer(bits, clip).apply(x) : new PactActivation(bits).apply(x, alpha);
    }

    public int bits() {
        return bits;
    }

    /** The clip value in use now (the learnt alpha for PACT). */
    public float max() {
        return alpha == null ? clip : PactActivation.effectiveAlpha(alpha.data().data()[0]);
    }

    public boolean isPact() {
        return alpha != null;
    }

    /** The float step between output levels, max / (2^k - 1), exactly as the forward computes it. */
    public float step() {
        return ActivationQuantizer.step(bits, max());
    }

    /** The output level of one input value. */
    public int level(float x) {
        return ActivationQuantizer.level(x, bits, step());
    }

    @Override
    public String toString() {
        return "QuantActivation(" + bits + " bits, " + (alpha == null ? "clip " + clip : "PACT alpha " + max()) + ")";
    }
}
