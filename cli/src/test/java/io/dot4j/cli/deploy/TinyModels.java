package io.dot4j.cli.deploy;

import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.Flatten;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.ir.Weights;
import java.util.List;
import java.util.Random;

/** A small valid integer model for 28x28 grey images with seeded random weights, for the CLI tests. */
final class TinyModels {
    private TinyModels() {
    }

    /** conv 4@5x5 stride 2 (1-bit) -> 2-bit thresholds -> max-pool 2 -> flatten -> dense 10 (8-bit) with bias. */
    static IntModel mnistShaped(long seed) {
        Random rnd = new Random(seed);
        int[] convW = new int[4 * 25];
        for (int i = 0; i < convW.length; i++) {
            convW[i] = rnd.nextBoolean() ? 1 : -1;
        }
        int[] thresholds = new int[4 * 3];
        boolean[] negative = new boolean[4];
        for (int c = 0; c < 4; c++) {
            int base = rnd.nextInt(600) - 300;
            thresholds[c * 3] = base - 400;
            thresholds[c * 3 + 1] = base;
            thresholds[c * 3 + 2] = base + 400;
            negative[c] = c == 3; // one channel with a negative batch-norm scale
        }
        int[] denseW = new int[10 * 144];
        for (int i = 0; i < denseW.length; i++) {
            denseW[i] = rnd.nextInt(255) - 127;
        }
        int[] bias = new int[10];
        for (int i = 0; i < bias.length; i++) {
            bias[i] = rnd.nextInt(2001) - 1000;
        }
        return new IntModel(new Shape(1, 28, 28), List.of(
                new Conv(4, 1, 5, 5, 2, 0, 8, Weights.fromInts(1, 4, 25, convW)),
                new ThresholdActivation(4, 2, thresholds, negative),
                new MaxPool(2, 2),
                new Flatten(),
                new Dense(10, 144, 2, Weights.fromInts(8, 10, 144, denseW), bias)), 10);
    }
}
