package io.dot4j.runtime.limits;

import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.Flatten;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.ThresholdActivation;
import java.util.List;
import java.util.Random;

/** Valid models that pass every rule of the format yet are too large to run under the default limits. */
public final class UnrunnableModels {
    private UnrunnableModels() {
    }

    /**
     * A 16,384 x 16,384 input (2^28 pixels, the largest tensor the format allows) read by one 255 x 255 binary
     * convolution with stride 255: a file of a few kilobytes whose engine would hold gigabytes per image.
     */
    public static IntModel hugeInput() {
        Random r = new Random(7);
        int side = 16_384, k = 255;
        int out = (side - k) / k + 1;
        List<Layer> layers = List.of(
                new Conv(1, 1, k, k, k, 0, 8, RandomModels.randomWeights(r, 1, 1, k * k)),
                new ThresholdActivation(1, 1, new int[] {0}, new boolean[] {false}),
                new Flatten(),
                new Dense(10, out * out, 1, RandomModels.randomWeights(r, 1, 10, out * out), new int[10]));
        return new IntModel(new Shape(1, side, side), layers, 10);
    }
}
