package io.dot4j.quant.quantizers;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Tensor;

/**
 * Ternary weight networks (Li and Liu, TWN): per group, delta = 0.7 * mean |w|; a weight with |w| > delta becomes
 * sign(w), the others 0; the scale is the mean |w| of the weights above delta (0 if there are none). The integer
 * model stores the levels {-1, 0, +1} as int8 (the runtime's 2-bit code has no zero).
 *
 * <p>Gradient: identity (plain straight-through), the scale treated as a constant.
 */
public final class TernaryWeight extends Function {
    /** TWN's rule of thumb for Gaussian-like weights. */
    public static final double DELTA_FACTOR = 0.7;

    private final Scaling scaling;

    public TernaryWeight(Scaling scaling) {
        this.scaling = java.util.Objects.requireNonNull(scaling, "scaling");
    }

    public static WeightQuantizer quantizer(Scaling scaling) {
        return new ScaleOnlyWeightQuantizer(ScaleOnlyWeightQuantizer.Kind.TERNARY, scaling);
    }

    public static QuantizedWeights quantize(Tensor w, Scaling scaling) {
        int rows = QuantizedWeights.rowsOf(w);
        int cols = w.size() / rows;
        int groups = QuantizedWeights.groups(w, scaling);
        float[] d = w.data();
        int per = d.length / groups;
        int[] levels = new int[d.length];
        float[] scale = new float[groups];
        for (int g = 0; g < groups; g++) {
            double sum = 0;
            for (int i = g * per; i < (g + 1) * per; i++) {
                sum += Math.abs(d[i]);
            }
            double delta = DELTA_FACTOR * sum / per;
            double above = 0;
            int count = 0;
            for (int i = g * per; i < (g + 1) * per; i++) {
                if (Math.abs(d[i]) > delta) {
                    levels[i] = d[i] > 0 ? 1 : -1;
                    above += Math.abs(d[i]);
                    count++;
                }
            }
            scale[g] = count == 0 ? 0f : (float) (above / count);
        }
        return new QuantizedWeights(rows, cols, levels, QuantizedWeights.perRow(scale, rows));
    }

    @Override
    protected Tensor[] forward(Tensor... in) {
        return out(quantize(in[0], scaling).toTensor(in[0].shape()));
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        return out(gy[0]);
    }
}
