package io.dot4j.core.functions.evaluation;

import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Shapes;
import io.dot4j.core.tensor.Tensor;

/**
 * Fraction of rows of scores [N, K] whose argmax (first one on ties) equals the label. Not differentiable, so it is a
 * plain computation rather than a graph node.
 */
public final class Accuracy {
    private Accuracy() {
    }

    public static float of(Tensor scores, int[] labels) {
        if (scores.rank() != 2 || scores.dim(0) != labels.length) {
            throw new ShapeException("accuracy: expected scores [N, K] with N == labels.length == " + labels.length + ", actual "
                    + Shapes.str(scores.shape()));
        }
        if (labels.length == 0) {
            throw new ShapeException("accuracy: expected a non-empty batch, actual " + Shapes.str(scores.shape()));
        }
        int[] pred = scores.argmaxRows();
        int hits = 0;
        for (int i = 0; i < labels.length; i++) {
            if (pred[i] == labels[i]) {
                hits++;
            }
        }
        return (float) hits / labels.length;
    }
}
