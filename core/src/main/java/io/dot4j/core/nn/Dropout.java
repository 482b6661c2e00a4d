package io.dot4j.core.nn;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Rng;

/**
 * Inverted dropout while training, identity in evaluation mode. The mask comes from this module's own seeded
 * generator (registered as "rng", so checkpoints save its state and resumed training draws the same masks).
 */
public class Dropout extends Module {
    private final float ratio;
    private final Rng rng;

    @SuppressWarnings("this-escape") // registering state in the constructor is the Module design
    public Dropout(float ratio, Rng rng) {
        if (!(ratio >= 0f && ratio < 1f)) {
            throw new IllegalArgumentException("Dropout: expected 0 <= ratio < 1, actual " + ratio);
        }
        this.ratio = ratio;
        this.rng = addRng("rng", rng);
    }

    @Override
    public Variable forward(Variable x) {
        return F.dropout(x, ratio, rng, isTraining());
    }

    public float ratio() {
        return ratio;
    }

    @Override
    public String toString() {
        return "Dropout(" + ratio + ")";
    }
}
