package io.dot4j.codegen.c;

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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chains the random models do not build: thresholds and pooling straight on the image, a dense layer on the image,
 * a convolution on wide sums after a global sum pool, thresholds after a flatten. Every layer equals the reference.
 */
class UnusualChainsTest {
    @TempDir
    Path dir;

    private final Random r = new Random(11);

    private ThresholdActivation thresholds(int channels, int bits, long lo, long hi) {
        int n = (1 << bits) - 1;
        int[] t = new int[channels * n];
        boolean[] neg = new boolean[channels];
        for (int c = 0; c < channels; c++) {
            neg[c] = c % 3 == 1;
            long base = lo + (long) (r.nextDouble() * (hi - lo) / 2);
            for (int i = 0; i < n; i++) {
                t[c * n + i] = (int) (base + (hi - lo) / 2 * i / Math.max(1, n));
            }
        }
        return new ThresholdActivation(channels, bits, t, neg);
    }

    private static IntModel model(Shape in, List<Layer> layers) {
        TensorType t = TensorType.levels(in, 8);
        for (Layer l : layers) {
            t = l.outputType(t);
        }
        return new IntModel(in, layers, t.shape().elements());
    }

    @Test
    void imageThresholdsPoolAndADenseOnTheImage() throws Exception {
        Shape in = new Shape(2, 6, 5);
        List<Layer> a = new ArrayList<>(List.of(thresholds(2, 3, 0, 255), new MaxPool(2, 1), new Flatten()));
        a.add(thresholds(40, 1, 0, 7));
        a.add(new Dense(3, 40, 1, RandomModels.randomWeights(r, 2, 3, 40), new int[] {5, -7, 0}));
        IntModel first = model(in, a);
        CHarness.hostMatchesReference(first, RandomModels.images(first, 1, 5), dir.resolve("a"));
        IntModel second = model(in, List.of(new MaxPool(3, 2), new Dense(4, 8, 8, RandomModels.randomWeights(r, 8, 4, 8))));
        CHarness.hostMatchesReference(second, RandomModels.images(second, 2, 5), dir.resolve("b"));
        IntModel third = model(in, List.of(new Dense(3, 60, 8, RandomModels.randomWeights(r, 1, 3, 60))));
        CHarness.hostMatchesReference(third, RandomModels.images(third, 3, 5), dir.resolve("c"));
    }

    @Test
    void aConvolutionOnWideSums() throws Exception {
        Shape in = new Shape(1, 12, 12);
        Conv c1 = new Conv(6, 1, 3, 3, 1, 1, 8, RandomModels.randomWeights(r, 1, 6, 9));
        List<Layer> layers = new ArrayList<>(List.of(c1, thresholds(6, 2, -1500, 1500), new GlobalSumPool()));
        int sumBits = 64 - Long.numberOfLeadingZeros(144L * 3); // 9 bits: int32 levels in the C
        layers.add(new Conv(5, 6, 1, 1, 1, 0, sumBits, RandomModels.randomWeights(r, 2, 5, 6)));
        layers.add(thresholds(5, 2, -1500, 1500));
        layers.add(new GlobalSumPool());
        layers.add(thresholds(5, 4, 0, 3));
        layers.add(new Dense(4, 5, 4, RandomModels.randomWeights(r, 8, 4, 5), new int[] {1, 2, 3, 4}));
        IntModel m = model(in, layers);
        org.junit.jupiter.api.Assertions.assertTrue(StreamPlan.of(m).stages().stream()
                .anyMatch(st -> st.in().kind() == PixelFormat.Kind.WIDE), "a stage reads int32 levels");
        CHarness.hostMatchesReference(m, RandomModels.images(m, 4, 6), dir.resolve("wide"));
    }
}
