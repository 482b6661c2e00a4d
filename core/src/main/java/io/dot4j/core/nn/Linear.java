package io.dot4j.core.nn;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Rng;

/**
 * Fully connected layer y = x W^T + b, W [out, in] (parameter "W"), b [out] (parameter "b", absent without bias).
 * Inputs of rank above 2 are flattened per sample.
 */
public class Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;
    private final Variable w;
    private final Variable b;

    /** He-initialized weights and a zero bias. */
    public Linear(int inFeatures, int outFeatures, Rng rng) {
        this(inFeatures, outFeatures, true, Initializer.he(), rng);
    }

    @SuppressWarnings("this-escape") // registering state in the constructor is the Module design
    public Linear(int inFeatures, int outFeatures, boolean bias, Initializer init, Rng rng) {
        if (inFeatures < 1 || outFeatures < 1) {
            throw new IllegalArgumentException("Linear: expected in, out >= 1, actual in=" + inFeatures + " out=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.w = addParameter("W", init.create(new int[] {outFeatures, inFeatures}, inFeatures, outFeatures, rng));
        this.b = bias ? addParameter("b", Initializer.zeros().create(new int[] {outFeatures}, inFeatures, outFeatures, rng)) : null;
    }

    /**
     * A layer sharing {@code source}'s parameter variables and sizes, for subclasses that change only
     * {@link #forward} (e.g. a quantized twin put in its place with {@link Module#replaceChild}; paths stay the same).
     */
    @SuppressWarnings("this-escape")
    protected Linear(Linear source) {
        this.inFeatures = source.inFeatures;
        this.outFeatures = source.outFeatures;
        this.w = addParameter("W", source.w);
        this.b = source.b == null ? null : addParameter("b", source.b);
    }

    @Override
    public Variable forward(Variable x) {
        return F.linear(x, w, b);
    }

    public int inFeatures() {
        return inFeatures;
    }

    public int outFeatures() {
        return outFeatures;
    }

    /** The weight W [out, in]. */
    public Variable weight() {
        return w;
    }

    /** The bias [out], or null. */
    public Variable bias() {
        return b;
    }

    @Override
    public String toString() {
        return "Linear(" + inFeatures + " -> " + outFeatures + (b == null ? ", no bias" : "") + ")";
    }
}
