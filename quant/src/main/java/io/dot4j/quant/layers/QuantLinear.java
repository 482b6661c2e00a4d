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
 * <p>As the last layer of a network (the class scores) it can also work on the integer model's grid: with
 * {@link #setBiasGrid} given the input's level step, grid = s * step_in (weight scale times input step), the bias becomes
 * b' = round(b / grid) * grid and the outputs are rounded to multiples of the grid, both with straight-through
 * gradients. In exact arithmetic the outputs are already (acc + round(b / grid)) * grid, so the output rounding only
 * removes float32 noise: the float scores are then exactly the integer scores times the grid, equal integer scores give
 * equal floats, and the float argmax (first index on ties, like the runtime's) is the integer one.
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
        if (inputStep == null) {
            return F.linear(x, wq, b);
        }
        double grid = biasGrid();
        if (b != null) {
            b = new BiasToGrid(grid).apply(b);
        }
        return new BiasToGrid(grid, false).apply(F.linear(x, wq, b));
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
