package io.dot4j.runtime.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntModelValidationTest {

    static Weights ones(int bits, int rows, int cols) {
        int[] v = new int[rows * cols];
        Arrays.fill(v, 1);
        return Weights.fromInts(bits, rows, cols, v);
    }

    static ThresholdActivation act(int channels, int bits) {
        int n = (1 << bits) - 1;
        int[] t = new int[channels * n];
        for (int i = 0; i < t.length; i++) {
            t[i] = i % n;
        }
        return new ThresholdActivation(channels, bits, t, new boolean[channels]);
    }

    static Conv conv(int out, int in, int k, int inputBits) {
        return new Conv(out, in, k, k, 1, 0, inputBits, ones(1, out, k * k * in));
    }

    static ModelValidationException invalid(Shape input, int classes, Layer... layers) {
        return assertThrows(ModelValidationException.class, () -> new IntModel(input, List.of(layers), classes));
    }

    @Test
    void aValidModelChainsItsShapes() {
        IntModel m = new IntModel(new Shape(1, 6, 6), List.of(conv(4, 1, 3, 8), act(4, 2), new MaxPool(2, 2), new Flatten(),
                new Dense(3, 16, 2, ones(2, 3, 16))), 3);
        List<TensorType> t = m.outputTypes();
        assertEquals(TensorType.accumulators(new Shape(4, 4, 4)), t.get(0));
        assertEquals(TensorType.levels(new Shape(4, 4, 4), 2), t.get(1));
        assertEquals(TensorType.levels(new Shape(4, 2, 2), 2), t.get(2));
        assertEquals(TensorType.levels(new Shape(16, 1, 1), 2), t.get(3));
        assertEquals(TensorType.accumulators(new Shape(3, 1, 1)), t.get(4));
    }

    @Test
    void mismatchesNameTheLayerAndField() {
        Shape in = new Shape(1, 6, 6);
        ModelValidationException e = invalid(in, 3, conv(4, 2, 3, 8), act(4, 1), new Dense(3, 64, 1, ones(1, 3, 64)));
        assertEquals(0, e.layerIndex());
        assertEquals("inChannels", e.field());
        e = invalid(in, 3, conv(4, 1, 3, 4), act(4, 1), new Dense(3, 64, 1, ones(1, 3, 64)));
        assertEquals("inputBits", e.field());
        e = invalid(in, 3, conv(4, 1, 3, 8), new MaxPool(2, 2), act(4, 1), new Dense(3, 16, 1, ones(1, 3, 16)));
        assertEquals(1, e.layerIndex());
        assertEquals("input", e.field());
        assertTrue(e.getMessage().contains("put a ThresholdActivation in between"), e.getMessage());
        e = invalid(in, 3, conv(4, 1, 3, 8), act(5, 1), new Dense(3, 64, 1, ones(1, 3, 64)));
        assertEquals(1, e.layerIndex());
        assertEquals("channels", e.field());
        e = invalid(in, 3, conv(4, 1, 3, 8), act(4, 1), new Dense(3, 65, 1, ones(1, 3, 65)));
        assertEquals(2, e.layerIndex());
        assertEquals("inFeatures", e.field());
        e = invalid(in, 4, conv(4, 1, 3, 8), act(4, 1), new Dense(3, 64, 1, ones(1, 3, 64)));
        assertEquals("outFeatures", e.field());
        e = invalid(in, 4, conv(4, 1, 3, 8), act(4, 1));
        assertEquals(1, e.layerIndex());
        assertEquals("kind", e.field());
        e = invalid(in, 3, conv(4, 1, 7, 8), act(4, 1), new Dense(3, 64, 1, ones(1, 3, 64)));
        assertEquals("kernelHeight", e.field());
        e = invalid(in, 3, conv(4, 1, 3, 8), act(4, 1), new MaxPool(5, 1), new Dense(3, 64, 1, ones(1, 3, 64)));
        assertEquals(2, e.layerIndex());
        assertEquals("kernel", e.field());
        e = invalid(new Shape(1, 6, 6), 0, new Dense(1, 36, 8, ones(1, 1, 36)));
        assertEquals(-1, e.layerIndex());
        assertEquals("numClasses", e.field());
        assertTrue(invalid(in, 1).getMessage().contains("'layers'"));
        ModelValidationException nullLayer = assertThrows(ModelValidationException.class,
                () -> new IntModel(in, java.util.Arrays.asList(conv(4, 1, 3, 8), null), 3));
        assertEquals(1, nullLayer.layerIndex());
    }

    @Test
    void globalSumPoolWidensTheLevels() {
        // 2-bit levels summed over 4x4 positions reach 48: 6 bits
        Layer[] prefix = {conv(4, 1, 3, 8), act(4, 2), new GlobalSumPool()};
        assertEquals(TensorType.levels(new Shape(4, 1, 1), 6), prefix[2].outputType(TensorType.levels(new Shape(4, 4, 4), 2)));
        new IntModel(new Shape(1, 6, 6), List.of(prefix[0], prefix[1], prefix[2], new Dense(2, 4, 6, ones(8, 2, 4))), 2);
        ModelValidationException e = invalid(new Shape(1, 6, 6), 2, prefix[0], prefix[1], prefix[2], new Dense(2, 4, 2, ones(8, 2, 4)));
        assertEquals(3, e.layerIndex());
        assertEquals("inputBits", e.field());
    }

    @Test
    void accumulatorsThatCouldOverflowInt32AreRejected() {
        // 2 x 255 x 255 inputs x |w| = 128 x 255 > 2^31 - 1
        int cols = 2 * 255 * 255;
        int[] v = new int[cols];
        Arrays.fill(v, -128);
        Conv big = new Conv(1, 2, 255, 255, 1, 0, 8, Weights.fromInts(8, 1, cols, v));
        LayerException e = assertThrows(LayerException.class, () -> big.outputType(TensorType.levels(new Shape(2, 255, 255), 8)));
        assertEquals("weights", e.field());
        Arrays.fill(v, 1); // |w| = 1 fits
        Conv ok = new Conv(1, 2, 255, 255, 1, 0, 8, Weights.fromInts(8, 1, cols, v));
        assertEquals(new Shape(1, 1, 1), ok.outputType(TensorType.levels(new Shape(2, 255, 255), 8)).shape());
    }

    @Test
    void layerFieldsAreChecked() {
        assertEquals("outChannels", assertThrows(LayerException.class, () -> new Conv(0, 1, 1, 1, 1, 0, 8, ones(1, 1, 1))).field());
        assertEquals("stride", assertThrows(LayerException.class, () -> new Conv(1, 1, 1, 1, 0, 0, 8, ones(1, 1, 1))).field());
        assertEquals("weights", assertThrows(LayerException.class, () -> new Conv(2, 1, 1, 1, 1, 0, 8, ones(1, 1, 1))).field());
        assertEquals("weights", assertThrows(LayerException.class, () -> new Conv(1, 1, 2, 1, 1, 0, 8, ones(1, 1, 1))).field());
        assertEquals("bias", assertThrows(LayerException.class, () -> new Dense(2, 1, 8, ones(1, 2, 1), new int[3])).field());
        LayerException unsorted = assertThrows(LayerException.class,
                () -> new ThresholdActivation(2, 1 + 1, new int[] {0, 1, 2, 5, 4, 6}, new boolean[2]));
        assertEquals("thresholds", unsorted.field());
        assertTrue(unsorted.getMessage().contains("channel 1"), unsorted.getMessage());
        assertEquals("thresholds", assertThrows(LayerException.class,
                () -> new ThresholdActivation(2, 2, new int[5], new boolean[2])).field());
        assertEquals("bits", assertThrows(LayerException.class,
                () -> new ThresholdActivation(1, 9, new int[511], new boolean[1])).field());
        assertEquals("kernel", assertThrows(LayerException.class, () -> new MaxPool(0, 1)).field());
    }

    @Test
    void weightsRejectLevelsTheirWidthCannotHold() {
        assertThrows(LayerException.class, () -> Weights.fromInts(1, 1, 2, new int[] {1, 0}));
        assertThrows(LayerException.class, () -> Weights.fromInts(2, 1, 2, new int[] {3, 2}));
        assertThrows(LayerException.class, () -> Weights.fromInts(8, 1, 2, new int[] {3, 128}));
        assertThrows(LayerException.class, () -> Weights.fromInts(4, 1, 1, new int[] {1}));
        assertThrows(LayerException.class, () -> Weights.binary(1, 3, new long[] {0b1000})); // bit past column 3
        assertThrows(LayerException.class, () -> Weights.twoBit(2, 64, new long[3]));
        assertEquals(Weights.binary(1, 3, new long[] {0b101}), Weights.fromInts(1, 1, 3, new int[] {1, -1, 1}));
    }

    @Test
    void weightLevelsSurviveUnpacking() {
        int[] two = {-3, -1, 1, 3, 3, 1, -1, -3};
        assertEquals(Arrays.toString(two), Arrays.toString(Weights.fromInts(2, 2, 4, two).toInts()));
        int[] one = new int[130];
        for (int i = 0; i < one.length; i++) {
            one[i] = i % 3 == 0 ? 1 : -1;
        }
        Weights w = Weights.fromInts(1, 1, 130, one);
        assertEquals(3, w.wordsPerRow());
        assertEquals(Arrays.toString(one), Arrays.toString(w.toInts()));
        assertEquals((130 + 7) / 8, w.storageBytes(), "stored as 130 bits, not 3 whole words");
    }

    @Test
    void thresholdLevelsFollowTheSign() {
        ThresholdActivation t = new ThresholdActivation(2, 2, new int[] {-5, 0, 0, -5, 0, 0}, new boolean[] {false, true});
        // positive: count of t <= v
        assertEquals(0, t.level(0, -6));
        assertEquals(1, t.level(0, -5));
        assertEquals(3, t.level(0, 0));
        // negative: count of t >= v
        assertEquals(3, t.level(1, -5));
        assertEquals(2, t.level(1, -4));
        assertEquals(2, t.level(1, 0));
        assertEquals(0, t.level(1, 1));
        assertEquals(1, t.storageWidth());
        assertEquals(2, new ThresholdActivation(1, 1, new int[] {-129}, new boolean[1]).storageWidth());
        assertEquals(4, new ThresholdActivation(1, 1, new int[] {40_000}, new boolean[1]).storageWidth());
    }

    @Test
    void sizeAccounting() {
        IntModel m = new IntModel(new Shape(1, 6, 6), List.of(
                new Conv(4, 1, 3, 3, 1, 1, 8, ones(1, 4, 9)), act(4, 2), new MaxPool(2, 2), new Flatten(),
                new Dense(3, 36, 2, ones(2, 3, 36), new int[] {1, 2, 3})), 3);
        List<LayerStats> s = m.layerStats();
        long image = 36, acc = 6 * 6 * 4 * 4, levels = 6 * 6 * 4 * 2 / 8, pooled = (3 * 3 * 4 * 2 + 7) / 8, scores = 3 * 4;
        assertEquals(acc, s.get(0).activationBytes());
        assertEquals(levels, s.get(1).activationBytes());
        assertEquals(pooled, s.get(2).activationBytes());
        assertEquals(0, s.get(3).activationBytes());
        assertEquals(6 * 6 * 4 * 9, s.get(0).macs());
        assertEquals(3 * 36, s.get(4).macs());
        assertEquals(6 * 6 * 4 * 9 + 3 * 36, m.totalMacs());
        assertEquals((4 * 9 + 7) / 8, s.get(0).weightBytes()); // 36 weight bits
        assertEquals(3 * 2 * 36 / 8 + 3 * 1, s.get(4).weightBytes()); // 216 bits of planes; biases 1..3 fit one byte each
        assertEquals(1 + 4 * 3, s.get(1).thresholdBytes()); // 4 sign bits in one byte, 12 one-byte thresholds
        assertEquals(Math.max(Math.max(image + acc, acc + levels), Math.max(levels + pooled, pooled + scores)),
                m.peakActivationBytes());
    }

    @Test
    void argmaxTakesTheLowestIndexOnTies() {
        assertEquals(1, IntModel.argmax(new int[] {-4, 7, 7, 2}));
        assertEquals(0, IntModel.argmax(new int[] {Integer.MIN_VALUE, Integer.MIN_VALUE}));
        assertEquals(2, IntModel.argmax(new int[] {-4, -3, 0}));
    }
}
