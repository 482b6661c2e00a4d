package io.dot4j.quant.quantizers;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Tensor;

/**
 * Binary weights (XNOR-Net style): w_q = alpha * sign(w) with sign(0) = +1 and alpha = mean |w| over the tensor or
 * over each output channel.
 *
 * <p>Gradient: the hardtanh straight-through estimator, dL/dw = dL/dw_q where |w| <= 1 and 0 elsewhere (as if the
 * forward were hardtanh(w)); alpha is treated as a constant. Weights that drifted beyond ±1 stop moving, which keeps
 * the latent weights bounded.
 */
public final class BinaryWeight extends Function {
    private final Scaling scaling;
    private Tensor w;

    public BinaryWeight(Scaling scaling) {
        this.scaling = java.util.Objects.requireNonNull(scaling, "scaling");
    }

    /** The quantizer recipe (one node per {@link WeightQuantizer#apply} call). */
    public static WeightQuantizer quantizer(Scaling scaling) {
        return new ScaleOnlyWeightQuantizer(ScaleOnlyWeightQuantizer.Kind.BINARY, scaling);
    }

    /** Levels ±1 and alpha = mean |w| per group. */
    public static QuantizedWeights quantize(Tensor w, Scaling scaling) {
        int rows = QuantizedWeights.rowsOf(w);
        int cols = w.size() / rows;
        int groups = QuantizedWeights.groups(w, scaling);
        float[] d = w.data();
        int per = d.length / groups;
        float[] alpha = new float[groups];
        for (int g = 0; g < groups; g++) {
            double sum = 0;
            for (int i = g * per; i < (g + 1) * per; i++) {
                sum += Math.abs(d[i]);
            }
            alpha[g] = (float) (sum / per);
        }
        int[] levels = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            levels[i] = d[i] >= 0f ? 1 : -1;
        }
        return new QuantizedWeights(rows, cols, levels, QuantizedWeights.perRow(alpha, rows));
    }

    @Override
    protected Tensor[] forward(Tensor... in) {
        if (anyNeedsGrad()) {
            w = in[0];
        }
        return out(quantize(in[0], scaling).toTensor(in[0].shape()));
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        float[] g = gy[0].data();
        float[] wd = w.data();
        Tensor gx = Tensor.zerosLike(w);
        float[] d = gx.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.abs(wd[i]) <= 1f ? g[i] : 0f;
        }
        return out(gx);
    }
}
