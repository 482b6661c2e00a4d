package io.dot4j.quant.layers;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.nn.Initializer;
import io.dot4j.core.nn.Linear;
import io.dot4j.core.tensor.Rng;
import io.dot4j.quant.quantizers.QuantizedWeights;
import io.dot4j.quant.quantizers.WeightQuantizer;

import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * A core {@link Linear} whose forward quantizes the latent weight first: y = Q(W) x + b'.
 *
 * <p>As the last layer of a network (the class scores) it can also put the bias on the integer grid the integer model
 * adds it on: with {@link #setBiasGrid(double)} = s * step_in (weight scale times the input's level step), b' =
 * round(b / grid) * grid with a straight-through gradient, so the integer scores acc + round(b / grid) are exactly the
 * float scores divided by the grid and the predicted class cannot differ by rounding.
 */
public class QuantLinear extends Linear {
    private final WeightQuantizer quantizer;
    private DoubleSupplier inputStep;

    public QuantLinear(int inFeatures, int outFeatures, boolean bias, WeightQuantizer quantizer, Rng rng) {
        super(inFeatures, outFeatures, bias, Initializer.he(), rng);
        this.quantizer = Objects.requireNonNull(quantizer, "quantizer");
    }

    /** A quantized twin of a float dense layer with copies of its weight and bias. */
    public static QuantLinear of(Linear fc, WeightQuantizer quantizer) {
        QuantLinear q = new QuantLinear(fc.inFeatures(), fc.outFeatures(), fc.bias() != null, quantizer, new Rng(0));
        q.weight().setData(fc.weight().data().copy());
        if (fc.bias() != null) {
            q.bias().setData(fc.bias().data().copy());
        }
        return q;
    }

    /**
     * Quantizes the bias to multiples of (weight scale) * inputStep in the forward (set for the scores layer; null
     * turns it off). The supplier is read at every forward, so a learnt (PACT) input step is followed. The weight scale
     * must then be one per tensor.
     */
    public QuantLinear setBiasGrid(DoubleSupplier inputStep) {
        this.inputStep = inputStep;
        return this;
    }

    /** The input step of the bias grid now, or NaN when the bias is not on a grid. */
    public double biasGridInputStep() {
        return inputStep == null ? Double.NaN : inputStep.getAsDouble();
    }

    @Override
    public Variable forward(Variable x) {
        Variable wq = quantizer.apply(weight());
        Variable b = bias();
        if (b != null && inputStep != null) {
            b = new BiasToGrid(biasGrid()).apply(b);
        }
        return F.linear(x, wq, b);
    }

    /** The bias grid s * inputStep, with s read off the quantized weights (the same s for every row). */
    public double biasGrid() {
        return quantizedWeights().scale(0) * biasGridInputStep();
    }

    /**
     * The integer bias round(b / (s * inputStep)) the integer model adds to the scores, s being the (single) weight
     * scale; with the bias grid set to the same input step, the float forward adds exactly these levels times the grid.
     */
    public int[] integerBias(double inputStep) {
        if (bias() == null) {
            return new int[0];
        }
        float[] b = bias().data().data();
        double grid = quantizedWeights().scale(0) * inputStep;
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = BiasToGrid.level(b[i], grid);
        }
        return out;
    }

    public WeightQuantizer quantizer() {
        return quantizer;
    }

    /** The integer levels (rows = outputs, columns in core's input order) and scales of W now. */
    public QuantizedWeights quantizedWeights() {
        return quantizer.quantize(weight().data());
    }

    @Override
    public String toString() {
        return "Quant" + super.toString() + "[" + quantizer + "]";
    }
}
