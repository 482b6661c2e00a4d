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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of small valid IntModels covering every layer kind: conv with 1/2/8-bit weights, strides,
 * paddings, wide channel counts (more than 64, so bit vectors span several longs), max pooling,
 * global sum pooling, flatten, hidden dense layers, thresholds with k = 1..8 (mostly 1..4) and both signs,
 * scores with bias.
 */
public final class RandomModels {
    private RandomModels() {
    }

    public static IntModel generate(long seed) {
        Random r = new Random(seed);
        Shape input = new Shape(1 + r.nextInt(3), 3 + r.nextInt(10), 3 + r.nextInt(10));
        List<Layer> layers = new ArrayList<>();
        TensorType t = TensorType.levels(input, IntModel.PIXEL_BITS);
        int convs = r.nextInt(4);
        for (int i = 0; i < convs; i++) {
            Shape s = t.shape();
            int kh = 1 + r.nextInt(Math.min(5, s.height() + 2)), kw = 1 + r.nextInt(Math.min(5, s.width() + 2));
            int pad = r.nextInt(Math.max(kh, kw));
            if (s.height() + 2 * pad < kh || s.width() + 2 * pad < kw) {
                pad = Math.max(kh, kw);
            }
            int stride = 1 + r.nextInt(3);
            int outC = r.nextInt(8) == 0 ? 60 + r.nextInt(12) : r.nextInt(6) == 0 ? 9 + r.nextInt(30) : 1 + r.nextInt(8);
            int bits = new int[] {1, 2, 8}[r.nextInt(3)];
            Weights w = randomWeights(r, bits, outC, kh * kw * s.channels());
            Conv conv = new Conv(outC, s.channels(), kh, kw, stride, pad, t.bits(), w);
            t = add(layers, conv, t);
            t = add(layers, randomThresholds(r, t, conv.fanIn() * (long) w.maxAbs()), t);
            Shape o = t.shape();
            if (r.nextInt(3) == 0 && o.height() >= 2 && o.width() >= 2) {
                int k = 2 + r.nextInt(Math.min(2, Math.min(o.height(), o.width()) - 1));
                t = add(layers, new MaxPool(k, 1 + r.nextInt(k + 1)), t);
            }
        }
        int tail = r.nextInt(3);
        if (tail == 1 && convs > 0) {
            t = add(layers, new GlobalSumPool(), t);
        } else if (tail == 2) {
            t = add(layers, new Flatten(), t);
        }
        if (r.nextBoolean()) {
            int out = 1 + r.nextInt(r.nextInt(5) == 0 ? 80 : 16);
            int bits = new int[] {1, 2, 8}[r.nextInt(3)];
            Weights w = randomWeights(r, bits, out, t.shape().elements());
            t = add(layers, new Dense(out, t.shape().elements(), t.bits(), w), t);
            t = add(layers, randomThresholds(r, t, t.shape().elements() * (long) w.maxAbs()), t);
        }
        int classes = 1 + r.nextInt(12);
        int bits = new int[] {1, 2, 8}[r.nextInt(3)];
        int in = t.shape().elements();
        int[] bias = new int[r.nextBoolean() ? classes : 0];
        for (int i = 0; i < bias.length; i++) {
            bias[i] = r.nextInt(2001) - 1000;
        }
        layers.add(new Dense(classes, in, t.bits(), randomWeights(r, bits, classes, in), bias));
        return new IntModel(input, layers, classes);
    }

    private static TensorType add(List<Layer> layers, Layer l, TensorType t) {
        layers.add(l);
        return l.outputType(t);
    }

    public static Weights randomWeights(Random r, int bits, int rows, int cols) {
        int[] v = new int[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (bits) {
                case 1 -> r.nextBoolean() ? 1 : -1;
                case 2 -> 2 * r.nextInt(4) - 3;
                default -> r.nextInt(256) - 128;
            };
        }
        return Weights.fromInts(bits, rows, cols, v);
    }

    /** Thresholds spread over the range accumulators of this fan-in actually reach, so every level occurs. */
    private static ThresholdActivation randomThresholds(Random r, TensorType in, long fanInTimesW) {
        int channels = in.shape().channels();
        int k = r.nextInt(6) == 0 ? 5 + r.nextInt(4) : 1 + r.nextInt(4); // 5..8 bits take the binary search
        int n = (1 << k) - 1;
        double spread = Math.sqrt(Math.max(1, fanInTimesW)) * 40 + 1;
        int[] t = new int[channels * n];
        boolean[] neg = new boolean[channels];
        for (int c = 0; c < channels; c++) {
            neg[c] = r.nextInt(4) == 0;
            double centre = r.nextGaussian() * spread * (in.isLevels() ? 0.2 : 1) + (in.isLevels() ? spread : 0);
            for (int i = 0; i < n; i++) {
                t[c * n + i] = (int) Math.round(centre + r.nextGaussian() * spread);
            }
            if (r.nextInt(6) == 0 && n > 1) {
                t[c * n + 1] = t[c * n]; // duplicates are allowed
            }
            Arrays.sort(t, c * n, c * n + n);
        }
        return new ThresholdActivation(channels, k, t, neg);
    }

    /**
     * A LeNet-sized network for 1x28x28 images: conv 5x5 (32) - thresholds - pool - conv 5x5 (64) - thresholds -
     * pool - dense 256 - thresholds - dense 10, with the given weight bits for the hidden layers.
     */
    public static IntModel lenetLike(long seed, int weightBits, int activationBits) {
        Random r = new Random(seed);
        List<Layer> layers = new ArrayList<>();
        TensorType t = TensorType.levels(new Shape(1, 28, 28), IntModel.PIXEL_BITS);
        Conv c1 = new Conv(32, 1, 5, 5, 1, 2, 8, randomWeights(r, weightBits, 32, 25));
        t = add(layers, c1, t);
        t = add(layers, thresholdsFor(r, t, activationBits, 25L * 3 * 255), t);
        t = add(layers, new MaxPool(2, 2), t);
        Conv c2 = new Conv(64, 32, 5, 5, 1, 2, activationBits, randomWeights(r, weightBits, 64, 800));
        t = add(layers, c2, t);
        t = add(layers, thresholdsFor(r, t, activationBits, 800L * 3 * ((1 << activationBits) - 1)), t);
        t = add(layers, new MaxPool(2, 2), t);
        t = add(layers, new Flatten(), t);
        t = add(layers, new Dense(256, 3136, activationBits, randomWeights(r, weightBits, 256, 3136)), t);
        t = add(layers, thresholdsFor(r, t, activationBits, 3136L * 3 * ((1 << activationBits) - 1)), t);
        layers.add(new Dense(10, 256, activationBits, randomWeights(r, 8, 10, 256), new int[10]));
        return new IntModel(new Shape(1, 28, 28), layers, 10);
    }

    /** Thresholds spread around zero over a fraction of the accumulator range, so levels vary. */
    private static ThresholdActivation thresholdsFor(Random r, TensorType in, int k, long range) {
        int channels = in.shape().channels(), n = (1 << k) - 1;
        double spread = Math.sqrt(range) * 8;
        int[] t = new int[channels * n];
        boolean[] neg = new boolean[channels];
        for (int c = 0; c < channels; c++) {
            neg[c] = r.nextInt(5) == 0;
            for (int i = 0; i < n; i++) {
                t[c * n + i] = (int) Math.round(r.nextGaussian() * spread);
            }
            Arrays.sort(t, c * n, c * n + n);
        }
        return new ThresholdActivation(channels, k, t, neg);
    }

    /** Random images, plus all-zero and all-255 ones. */
    public static byte[][] images(IntModel m, long seed, int count) {
        Random r = new Random(seed);
        byte[][] out = new byte[count][m.input().elements()];
        for (int i = 0; i < count; i++) {
            if (i == 1) {
                Arrays.fill(out[i], (byte) 255);
            } else if (i > 1) {
                r.nextBytes(out[i]);
            }
        }
        return out;
    }
}
