package io.dot4j.runtime.conformance;

import io.dot4j.runtime.RandomModels;
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
 * The models of the conformance fixtures, built once by {@link GenerateConformanceFixtures}: small, seeded weights,
 * thresholds at per-channel quantiles of the values the fixture's own images produce (so every level occurs), every
 * third channel negative, and in some layers one channel whose thresholds lie outside the values' range (keys clamp).
 * Together they cover every layer kind, 1-, 2- and 8-bit weights, 1- to 4-bit activations, stride, padding,
 * overlapping pools and multi-channel input.
 */
final class ConformanceModels {
    private final Random r;
    private final Shape input;
    private final byte[][] images;
    private final List<Layer> layers = new ArrayList<>();
    private TensorType t;

    ConformanceModels(long seed, Shape input, byte[][] images) {
        this.r = new Random(seed);
        this.input = input;
        this.images = images;
        this.t = TensorType.levels(input, IntModel.PIXEL_BITS);
    }

    /** 1x28x28: conv 4@3x3 pad 1 (1-bit) - 2-bit - pool 2 - conv 8@3x3 (2-bit) - 1-bit - pool 2 - flatten - dense 10 + bias. */
    static IntModel mnist(byte[][] images) {
        ConformanceModels m = new ConformanceModels(401, new Shape(1, 28, 28), images);
        m.conv(4, 3, 1, 1, 1).thresholds(2, true).pool(2, 2);
        m.conv(8, 3, 1, 0, 2).thresholds(1, false).pool(2, 2);
        m.add(new Flatten());
        return m.dense(10, 1, true);
    }

    /** 3x9x7: conv 5@3x3 stride 2 pad 1 (8-bit) - 3-bit - conv 6@2x2 (1-bit) - 4-bit - global sum - dense 4 (2-bit). */
    static IntModel rgb(byte[][] images) {
        ConformanceModels m = new ConformanceModels(402, new Shape(3, 9, 7), images);
        m.conv(5, 3, 2, 1, 8).thresholds(3, true);
        m.conv(6, 2, 1, 0, 1).thresholds(4, false);
        m.add(new GlobalSumPool());
        return m.dense(4, 2, false);
    }

    /**
     * 2x6x6: 1-bit thresholds on the pixels - conv 3@3x3 pad 1 (1-bit) - 2-bit - max pool 3 stride 1 (overlapping) -
     * dense 5 (8-bit, bias, straight from the spatial tensor) - 2-bit - dense 3 (1-bit, no bias).
     */
    static IntModel pixelThresholds(byte[][] images) {
        ConformanceModels m = new ConformanceModels(403, new Shape(2, 6, 6), images);
        m.thresholds(1, false);
        m.conv(3, 3, 1, 1, 1).thresholds(2, true).pool(3, 1);
        m.dense(5, 8, true);
        m.thresholds(2, false);
        return m.dense(3, 1, false);
    }

    /** 1x8x8: conv 3@3x3 stride 2 pad 1 (2-bit) - 2-bit - flatten - dense 4 (8-bit, bias). */
    static IntModel small(byte[][] images) {
        ConformanceModels m = new ConformanceModels(404, new Shape(1, 8, 8), images);
        m.conv(3, 3, 2, 1, 2).thresholds(2, true);
        m.add(new Flatten());
        return m.dense(4, 8, true);
    }

    /** 1x10x10: conv 4@5x5 pad 2 (1-bit) - 1-bit - pool 2 - conv 2@3x3 (1-bit) - 3-bit - global sum - dense 3 (8-bit, bias). */
    static IntModel global(byte[][] images) {
        ConformanceModels m = new ConformanceModels(405, new Shape(1, 10, 10), images);
        m.conv(4, 5, 1, 2, 1).thresholds(1, true).pool(2, 2);
        m.conv(2, 3, 1, 0, 1).thresholds(3, false);
        m.add(new GlobalSumPool());
        return m.dense(3, 8, true);
    }

    private ConformanceModels add(Layer l) {
        layers.add(l);
        t = l.outputType(t);
        return this;
    }

    private ConformanceModels conv(int out, int k, int stride, int pad, int bits) {
        int c = t.shape().channels();
        return add(new Conv(out, c, k, k, stride, pad, t.bits(), RandomModels.randomWeights(r, bits, out, k * k * c)));
    }

    private ConformanceModels pool(int k, int stride) {
        return add(new MaxPool(k, stride));
    }

    /** The model ended by a dense layer. */
    private IntModel dense(int out, int bits, boolean bias) {
        int in = t.shape().elements();
        int[] b = new int[bias ? out : 0];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextInt(401) - 200;
        }
        add(new Dense(out, in, t.bits(), RandomModels.randomWeights(r, bits, out, in), b));
        return new IntModel(input, layers, out);
    }

    /**
     * k-bit thresholds at the quantiles (i+1)/2^k of each channel's distinct values on the images; every third channel
     * negative; with {@code outOfRange}, the last channel's thresholds far below and above every value.
     */
    private ConformanceModels thresholds(int k, boolean outOfRange) {
        int channels = t.shape().channels(), n = (1 << k) - 1;
        List<int[]> seen = valuesPerChannel();
        int[] th = new int[channels * n];
        boolean[] neg = new boolean[channels];
        for (int c = 0; c < channels; c++) {
            int[] v = Arrays.stream(seen.get(c)).distinct().sorted().toArray(); // distinct: no level is skipped
            neg[c] = c % 3 == 1;
            for (int i = 0; i < n; i++) {
                th[c * n + i] = v[(int) ((long) v.length * (i + 1) / (n + 1))];
            }
            if (outOfRange && c == channels - 1) {
                for (int i = 0; i < n; i++) {
                    th[c * n + i] = i < n / 2 ? -5_000_000 + i : 5_000_000 + i;
                }
            }
            Arrays.sort(th, c * n, c * n + n);
        }
        return add(new ThresholdActivation(channels, k, th, neg));
    }

    /** The current tensor's values on every image, per channel, from a prefix model with a throwaway head. */
    private List<int[]> valuesPerChannel() {
        List<Layer> prefix = new ArrayList<>(layers);
        Shape s = t.shape();
        prefix.add(new ThresholdActivation(s.channels(), 1, new int[s.channels()], new boolean[s.channels()]));
        int[] ones = new int[s.elements()];
        Arrays.fill(ones, 1);
        prefix.add(new Dense(1, s.elements(), 1, Weights.fromInts(1, 1, s.elements(), ones)));
        ReferenceInterpreter ref = new ReferenceInterpreter(new IntModel(input, prefix, 1));
        int per = s.height() * s.width();
        List<int[]> out = new ArrayList<>();
        for (int c = 0; c < s.channels(); c++) {
            out.add(new int[per * images.length]);
        }
        for (int i = 0; i < images.length; i++) {
            int[] v = layers.isEmpty() ? pixels(images[i]) : ref.run(images[i]).get(layers.size() - 1);
            for (int j = 0; j < v.length; j++) {
                out.get(j % s.channels())[i * per + j / s.channels()] = v[j];
            }
        }
        return out;
    }

    private static int[] pixels(byte[] img) {
        int[] v = new int[img.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = img[i] & 0xFF;
        }
        return v;
    }
}
