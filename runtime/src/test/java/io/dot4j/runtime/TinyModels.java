package io.dot4j.runtime;

import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.Flatten;
import io.dot4j.runtime.ir.GlobalSumPool;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.TensorType;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.ir.Weights;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The tiny deployed models the runtime is tuned for (a few thousand bytes), with random weights and thresholds
 * calibrated on real digits (per-channel quantiles of the accumulators), so every level occurs as it would in a
 * trained network:
 * <ul>
 *   <li>A: conv 16@3x3 pad 1 (1- or 8-bit weights) - 2-bit thresholds - maxpool 2 - conv 32@3x3 pad 1 - thresholds -
 *       maxpool 2 - conv 32@3x3 - thresholds - global sum - dense 10 (8-bit, bias);</li>
 *   <li>B: the same with flatten - dense 10 instead of the global sum;</li>
 *   <li>C: a 5x5 stride-2 first layer (pad 2), then conv 32@3x3 pad 1, maxpool 2, conv 32@3x3, global sum, dense 10.</li>
 * </ul>
 */
public final class TinyModels {
    private TinyModels() {
    }

    public static IntModel a(long seed, int firstWeightBits, byte[][] calibration) {
        return build(seed, firstWeightBits, false, false, calibration);
    }

    public static IntModel b(long seed, int firstWeightBits, byte[][] calibration) {
        return build(seed, firstWeightBits, true, false, calibration);
    }

    public static IntModel c(long seed, int firstWeightBits, byte[][] calibration) {
        return build(seed, firstWeightBits, false, true, calibration);
    }

    private static IntModel build(long seed, int firstBits, boolean flatten, boolean strided, byte[][] calibration) {
        Random r = new Random(seed);
        List<Layer> layers = new ArrayList<>();
        TensorType t = TensorType.levels(new Shape(1, 28, 28), IntModel.PIXEL_BITS);
        if (strided) {
            t = conv(layers, t, r, new Conv(16, 1, 5, 5, 2, 2, 8, RandomModels.randomWeights(r, firstBits, 16, 25)), calibration);
        } else {
            t = conv(layers, t, r, new Conv(16, 1, 3, 3, 1, 1, 8, RandomModels.randomWeights(r, firstBits, 16, 9)), calibration);
            t = add(layers, new MaxPool(2, 2), t);
        }
        t = conv(layers, t, r, new Conv(32, 16, 3, 3, 1, 1, 2, RandomModels.randomWeights(r, 1, 32, 144)), calibration);
        t = add(layers, new MaxPool(2, 2), t);
        t = conv(layers, t, r, new Conv(32, 32, 3, 3, 1, 0, 2, RandomModels.randomWeights(r, 1, 32, 288)), calibration);
        t = add(layers, flatten ? new Flatten() : new GlobalSumPool(), t);
        int in = t.shape().elements();
        int[] bias = new int[10];
        for (int i = 0; i < bias.length; i++) {
            bias[i] = r.nextInt(201) - 100;
        }
        layers.add(new Dense(10, in, t.bits(), RandomModels.randomWeights(r, 8, 10, in), bias));
        return new IntModel(new Shape(1, 28, 28), layers, 10);
    }

    /** Adds the conv and 2-bit thresholds at the 25/50/75 % quantiles of each channel's accumulators on the digits. */
    private static TensorType conv(List<Layer> layers, TensorType t, Random r, Conv conv, byte[][] calibration) {
        t = add(layers, conv, t);
        int channels = t.shape().channels();
        List<List<Integer>> seen = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            seen.add(new ArrayList<>());
        }
        IntModel prefix = prefixModel(layers, t);
        ReferenceInterpreter ref = new ReferenceInterpreter(prefix);
        for (byte[] img : calibration) {
            int[] acc = ref.run(img).get(layers.size() - 1);
            for (int i = 0; i < acc.length; i++) {
                seen.get(i % channels).add(acc[i]);
            }
        }
        int[] th = new int[channels * 3];
        boolean[] neg = new boolean[channels];
        for (int c = 0; c < channels; c++) {
            int[] v = seen.get(c).stream().mapToInt(Integer::intValue).sorted().toArray();
            neg[c] = r.nextInt(4) == 0;
            for (int i = 0; i < 3; i++) {
                th[c * 3 + i] = v[(int) ((long) v.length * (i + 1) / 4)];
            }
            Arrays.sort(th, c * 3, c * 3 + 3);
        }
        return add(layers, new ThresholdActivation(channels, 2, th, neg), t);
    }

    /** The layers so far, ended by a tiny dense head so that they form a valid model the reference can run. */
    private static IntModel prefixModel(List<Layer> layers, TensorType accumulators) {
        List<Layer> l = new ArrayList<>(layers);
        Shape s = accumulators.shape();
        l.add(new ThresholdActivation(s.channels(), 1, new int[s.channels()], new boolean[s.channels()]));
        l.add(new Dense(1, s.elements(), 1, Weights.fromInts(1, 1, s.elements(), ones(s.elements()))));
        return new IntModel(new Shape(1, 28, 28), l, 1);
    }

    private static int[] ones(int n) {
        int[] v = new int[n];
        Arrays.fill(v, 1);
        return v;
    }

    private static TensorType add(List<Layer> layers, Layer l, TensorType t) {
        layers.add(l);
        return l.outputType(t);
    }
}
