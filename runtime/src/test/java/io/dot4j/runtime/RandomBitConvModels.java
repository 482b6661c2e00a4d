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
 * Seeded models around binary convolutions, for the bit-conv kernels: pixels -> thresholds (1..4-bit levels) ->
 * [max pool 2] -> conv with 1- or 2-bit weights (any channel count, 1..5 kernel, stride 1..3, padding) ->
 * thresholds (1..4 bits, either sign, sometimes wider than the counting limit) -> [a second binary conv] ->
 * flatten -> dense. Thresholds sit at quantiles of the accumulators' range so that every level occurs.
 */
public final class RandomBitConvModels {
    private RandomBitConvModels() {
    }

    public static IntModel generate(long seed) {
        Random r = new Random(seed);
        // 16, 32, 48, 64 channels: the vector kernel thresholds and packs channel-last inputs itself
        int c = r.nextInt(4) == 0 ? 60 + r.nextInt(80) : r.nextInt(3) == 0 ? 16 * (1 + r.nextInt(4)) : 1 + r.nextInt(40);
        Shape input = new Shape(c, 2 + r.nextInt(12), 2 + r.nextInt(12));
        List<Layer> layers = new ArrayList<>();
        TensorType t = TensorType.levels(input, IntModel.PIXEL_BITS);
        t = add(layers, thresholds(r, c, 1 + r.nextInt(4), 0, 255), t);
        if (r.nextInt(4) == 0 && input.height() >= 4 && input.width() >= 4) {
            t = add(layers, new MaxPool(2, 2), t);
        }
        int convs = 1 + (r.nextInt(3) == 0 ? 1 : 0);
        for (int i = 0; i < convs; i++) {
            Shape s = t.shape();
            int kh = 1 + r.nextInt(Math.min(5, s.height() + 2)), kw = 1 + r.nextInt(Math.min(5, s.width() + 2));
            int pad = r.nextInt(Math.max(kh, kw));
            if (s.height() + 2 * pad < kh || s.width() + 2 * pad < kw) {
                pad = Math.max(kh, kw);
            }
            int stride = r.nextInt(3) == 0 ? 2 + r.nextInt(2) : 1;
            int outC = r.nextInt(3) == 0 ? 33 + r.nextInt(70) : 1 + r.nextInt(20);
            int wb = 1 + r.nextInt(2);
            Weights w = RandomModels.randomWeights(r, wb, outC, kh * kw * s.channels());
            Conv conv = new Conv(outC, s.channels(), kh, kw, stride, pad, t.bits(), w);
            t = add(layers, conv, t);
            long bound = (long) conv.fanIn() * w.maxAbs() * ((1L << conv.inputBits()) - 1);
            int bits = r.nextInt(8) == 0 ? 5 : 1 + r.nextInt(4); // 5 bits: more than 15 thresholds, not fused
            t = add(layers, thresholds(r, outC, bits, -bound / 3, bound / 3), t);
        }
        // a global sum pool after the last thresholds: the vector kernel sums the levels itself
        t = add(layers, r.nextInt(3) == 0 ? new GlobalSumPool() : new Flatten(), t);
        int classes = 1 + r.nextInt(10), in = t.shape().elements();
        layers.add(new Dense(classes, in, t.bits(), RandomModels.randomWeights(r, 1 + r.nextInt(2), classes, in)));
        return new IntModel(input, layers, classes);
    }

    private static TensorType add(List<Layer> layers, Layer l, TensorType t) {
        layers.add(l);
        return l.outputType(t);
    }

    /** Sorted thresholds uniform in [lo, hi] (sometimes beyond it, to test clamping), random signs. */
    private static ThresholdActivation thresholds(Random r, int channels, int bits, long lo, long hi) {
        int n = (1 << bits) - 1;
        int[] t = new int[channels * n];
        boolean[] neg = new boolean[channels];
        for (int c = 0; c < channels; c++) {
            neg[c] = r.nextInt(3) == 0;
            for (int i = 0; i < n; i++) {
                long v = lo + (long) (r.nextDouble() * (hi - lo + 1));
                t[c * n + i] = (int) (r.nextInt(10) == 0 ? v * 1000 : v);
            }
            Arrays.sort(t, c * n, c * n + n);
        }
        return new ThresholdActivation(channels, bits, t, neg);
    }
}
