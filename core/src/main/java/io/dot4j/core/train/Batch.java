package io.dot4j.core.train;

import io.dot4j.core.tensor.Tensor;

/**
 * One mini-batch: normalized images x [B, C, H, W], their labels and their indices in the data set.
 */
public record Batch(Tensor x, int[] labels, int[] indices) {
    public int size() {
        return labels.length;
    }
}
