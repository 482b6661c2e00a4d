package io.dot4j.runtime;

import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.Flatten;
import io.dot4j.runtime.ir.GlobalSumPool;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.ir.Weights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Random models around one wide binary convolution (C -> C channels, 3x3, padding 1, on a size x size input with
 * 1- or 2-bit levels): large enough that the engine shares one image's convolution between two threads. The head
 * is either a global sum pool (the convolution, its thresholds and the sum run as one program) or a flatten.
 */
public final class WideConvModels {
    private WideConvModels() {
    }

    public static IntModel generate(long seed, int channels, int size, int bits, boolean globalSum) {
        Random r = new Random(seed);
        int n = (1 << bits) - 1;
        List<Layer> layers = new ArrayList<>();
        layers.add(thresholds(r, channels, bits, 0, 255));
        int fanIn = 9 * channels;
        int[] w = new int[channels * fanIn];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextBoolean() ? 1 : -1;
        }
        layers.add(new Conv(channels, channels, 3, 3, 1, 1, bits, Weights.fromInts(1, channels, fanIn, w)));
        int range = (int) Math.sqrt(fanIn) * n; // thresholds where the sums are, so every level occurs
        layers.add(thresholds(r, channels, bits, -range, range));
        int features, inputBits;
        if (globalSum) {
            layers.add(new GlobalSumPool());
            features = channels;
            inputBits = 32 - Integer.numberOfLeadingZeros(size * size * n);
        } else {
            layers.add(new Flatten());
            features = channels * size * size;
            inputBits = bits;
        }
        int[] d = new int[10 * features];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextBoolean() ? 1 : -1;
        }
        layers.add(new Dense(10, features, inputBits, Weights.fromInts(1, 10, features, d)));
        return new IntModel(new Shape(channels, size, size), layers, 10);
    }

    private static ThresholdActivation thresholds(Random r, int channels, int bits, int lo, int hi) {
        int n = (1 << bits) - 1;
        int[] t = new int[channels * n];
        for (int c = 0; c < channels; c++) {
            int[] row = r.ints(n, lo, hi + 1).toArray();
            Arrays.sort(row);
            System.arraycopy(row, 0, t, c * n, n);
        }
        return new ThresholdActivation(channels, bits, t, new boolean[channels]);
    }

    /** {@code count} seeded random inputs for {@code model}. */
    public static byte[][] images(IntModel model, long seed, int count) {
        Random r = new Random(seed);
        byte[][] out = new byte[count][model.input().elements()];
        for (byte[] img : out) {
            r.nextBytes(img);
        }
        return out;
    }
}
