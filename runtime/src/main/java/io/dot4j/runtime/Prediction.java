package io.dot4j.runtime;

import io.dot4j.runtime.ir.IntModel;
import java.util.Arrays;

/**
 * The result of one image: the class scores (the last layer's int32 outputs) and their argmax,
 * the lowest index on ties.
 */
public record Prediction(int label, int[] scores) {

    public Prediction {
        if (scores == null || scores.length == 0) {
            throw new IllegalArgumentException("scores must not be empty");
        }
        if (label < 0 || label >= scores.length) {
            throw new IllegalArgumentException("label = " + label + ", expected 0.." + (scores.length - 1));
        }
        scores = scores.clone();
    }

    /** The prediction for these scores. */
    public static Prediction of(int[] scores) {
        return new Prediction(IntModel.argmax(scores), scores);
    }

    @Override
    public int[] scores() {
        return scores.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prediction && ((Prediction) o).label == label && Arrays.equals(((Prediction) o).scores, scores);
    }

    @Override
    public int hashCode() {
        return label * 31 + Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
        return "Prediction[label=" + label + ", scores=" + Arrays.toString(scores) + "]";
    }
}
