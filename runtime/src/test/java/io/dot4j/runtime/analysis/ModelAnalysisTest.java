package io.dot4j.runtime.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.Flatten;
import io.dot4j.runtime.ir.GlobalSumPool;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.ir.Weights;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A model small enough to analyse by hand; every number below is worked out in the comments. */
class ModelAnalysisTest {

    /**
     * Input (1,4,4) pixels. Layer 0: conv 2@2x2, stride 2, no padding, 2-bit weights: channel 0 = [3, -1, 1, -3],
     * channel 1 = [1, 1, 1, 1]. Layer 1: 1-bit thresholds, channel 0 positive t = 100, channel 1 negative t = 2000.
     * Layer 2: max pool 2 (2x2 -> 1x1). Layer 3: flatten. Layer 4: dense 2 x 2, 8-bit weights [[5, -7], [-2, 0]],
     * bias [10, -3].
     */
    static IntModel handModel() {
        Conv conv = new Conv(2, 1, 2, 2, 2, 0, 8, Weights.fromInts(2, 2, 4, new int[] {3, -1, 1, -3, 1, 1, 1, 1}));
        ThresholdActivation th = new ThresholdActivation(2, 1, new int[] {100, 2000}, new boolean[] {false, true});
        Dense dense = new Dense(2, 2, 1, Weights.fromInts(8, 2, 2, new int[] {5, -7, -2, 0}), new int[] {10, -3});
        return new IntModel(new Shape(1, 4, 4), List.of(conv, th, new MaxPool(2, 2), new Flatten(), dense), 2);
    }

    @Test
    void rangesAndBitsOfAHandModel() {
        ModelAnalysis a = ModelAnalysis.of(handModel());
        LayerAnalysis conv = a.layer(0);
        assertTrue(conv.isAccumulator());
        // channel 0: positive weights 3 + 1 = 4, negative -1 - 3 = -4, pixels 0..255: [-4*255, 4*255] = [-1020, 1020]
        assertEquals(new ValueRange(-1020, 1020), conv.channelRange(0));
        // channel 1: four +1 weights: [0, 1020]
        assertEquals(new ValueRange(0, 1020), conv.channelRange(1));
        assertEquals(new ValueRange(-1020, 1020), conv.range());
        assertEquals(11, conv.bits()); // -1024 .. 1023
        // plane terms: +3 = 2 + 1, -1 = -2 + 1, +1 = 2 - 1, -3 = -2 - 1: positive 2+1+1+2 = 6, negative -2-1-2-1 = -6
        assertEquals(new ValueRange(-6 * 255, 6 * 255), conv.partialSumChannelRanges().get(0));
        // channel 1: each +1 = 2 - 1: positive 8, negative -4
        assertEquals(new ValueRange(-4 * 255, 8 * 255), conv.partialSumChannelRanges().get(1));
        assertEquals(12, conv.partialSumBits()); // 2040 needs 12 signed bits
        assertEquals(2L * 2 * 2 * 4, conv.macs());
        assertEquals(4, conv.fanIn());
        assertEquals(new ValueRange(0, 4 * 255), conv.inputSumRange().orElseThrow()); // four pixels of up to 255
        assertEquals(3, conv.popcountBits()); // a popcount of 4 bits reaches 4
        assertEquals(0, a.layer(1).fanIn());
        assertTrue(a.layer(1).inputSumRange().isEmpty());

        LayerAnalysis th = a.layer(1);
        ThresholdKeys keys = th.thresholdKeys().orElseThrow();
        assertEquals(100, keys.key(0, 0)); // inside [-1020, 1020]: unchanged
        assertEquals(1020, keys.key(1, 0)); // negative channel, 2000 > 1020: clamped to hi, every value counts
        assertTrue(keys.isNegative(1));
        assertFalse(keys.isNegative(0));
        assertEquals(new ValueRange(0, 1), th.channelRange(0));
        assertEquals(new ValueRange(1, 1), th.channelRange(1)); // v <= 2000 for every v in [0, 1020]
        assertEquals(1, th.bits());
        assertEquals(new ValueRange(-1020, 1020), keys.keyRange());
        assertEquals(11, keys.keyBits());
        assertThrows(IllegalArgumentException.class, () -> keys.level(1, 1021));

        assertEquals(new ValueRange(1, 1), a.layer(3).channelRange(1)); // flatten keeps channel 1 of (2,1,1)
        LayerAnalysis dense = a.layer(4);
        // out 0 = 10 + 5*x0 - 7*x1, x0 in [0,1], x1 = 1: [3, 8]; out 1 = -3 - 2*x0: [-5, -3]
        assertEquals(new ValueRange(3, 8), dense.channelRange(0));
        assertEquals(new ValueRange(-5, -3), dense.channelRange(1));
        assertEquals(new ValueRange(-5, 8), a.scoreRange());
        // partial sums with x in 0..1 (1-bit levels): out 0: [-7, 10 + 5] ; out 1: [-3 - 2, 0]
        assertEquals(new ValueRange(-7, 15), dense.partialSumChannelRanges().get(0));
        assertEquals(new ValueRange(-5, 0), dense.partialSumChannelRanges().get(1));
        assertEquals(new ValueRange(0, 2), dense.inputSumRange().orElseThrow()); // two 1-bit levels
        assertEquals(2, dense.popcountBits());
    }

    @Test
    void planesEvaluateOutputsByTheBitSerialIdentity() {
        LayerAnalysis conv = ModelAnalysis.of(handModel()).layer(0);
        WeightPlanes w = conv.weightPlanes().orElseThrow();
        assertEquals(2, w.planes());
        assertEquals(2, w.planeScale(0));
        assertEquals(1, w.planeScale(1));
        // +3 = H 1, L 1; -1 = H 0, L 1; +1 = H 1, L 0; -3 = H 0, L 0
        assertEquals(0b0101L, w.words(0, 0)[0]);
        assertEquals(0b0011L, w.words(0, 1)[0]);
        int[] image = {10, 20, 0, 0, 30, 40, 0, 255, 0, 0, 7, 0, 0, 0, 0, 1};
        // output (0, 0, 0) reads pixels (0,0)=10, (0,1)=20, (1,0)=30, (1,1)=40: 3*10 - 20 + 30 - 3*40 = -80
        assertEquals(-80, conv.outputFromPlanes(image, 0, 0, 0));
        // output (1, 0, 1) reads (0,2)=0, (0,3)=0, (1,2)=0, (1,3)=255: 255
        assertEquals(255, conv.outputFromPlanes(image, 1, 0, 1));
        // output (0, 1, 1) reads (2,2)=7, (2,3)=0, (3,2)=0, (3,3)=1: 3*7 - 3*1 = 18
        assertEquals(18, conv.outputFromPlanes(image, 0, 1, 1));
        LayerAnalysis dense = ModelAnalysis.of(handModel()).layer(4);
        assertEquals(10 + 5 - 7, dense.outputFromPlanes(new int[] {1, 1}, 0, 0, 0));
        assertThrows(IllegalStateException.class, () -> ModelAnalysis.of(handModel()).layer(1).outputFromPlanes(image, 0, 0, 0));
    }

    @Test
    void buffersOfAHandModel() {
        ModelAnalysis a = ModelAnalysis.of(handModel());
        BufferPlan b = a.buffers();
        assertEquals(6, b.tensors().size());
        // image 16 B; conv out 2x2x2 int32 = 32 B; thresholds 8 bits = 1 B; pool 2 bits = 1 B; flatten view; scores 8 B
        long[] packed = {16, 32, 1, 1, 1, 8};
        for (int i = 0; i < packed.length; i++) {
            assertEquals(packed[i], b.tensors().get(i).packedBytes(), "tensor " + i);
        }
        assertTrue(b.tensors().get(4).view());
        assertEquals(48, b.packedPeakBytes()); // conv: 16 + 32
        assertEquals(0, b.packedPeakLayer());
        assertEquals(handModel().peakActivationBytes(), b.packedPeakBytes());
        // ints: 16 + 8 + 8 + 2 + 2 + 2 = 38 elements
        assertEquals(38 * 4, b.enginePerThreadBytes());
        assertEquals(2 * 38 * 4, b.engineBytes(2));
        assertEquals(-1, b.tensors().get(0).producer());
        assertEquals(-1, b.tensors().get(5).consumer());
        assertTrue(b.tensors().get(2).liveAt(1) && b.tensors().get(2).liveAt(2) && !b.tensors().get(2).liveAt(3));

        StreamingPlan s = a.streaming();
        // conv: 2 rows of 4 pixels = 8 B; thresholds: nothing; pool: 2 rows of 2x2 1-bit levels = 2 x 1 B;
        // flatten: nothing; dense: 2 int32 accumulators = 8 B
        assertEquals(2, s.layers().get(0).rows());
        assertEquals(4, s.layers().get(0).rowBytes());
        assertEquals(8, s.layers().get(0).lineBytes());
        assertEquals(0, s.layers().get(1).totalBytes());
        assertEquals(2, s.layers().get(2).lineBytes());
        assertEquals(8, s.layers().get(4).stateBytes());
        assertEquals(18, s.peakBytes());
    }

    @Test
    void globalSumPoolScalesTheRangeAndPaddingReadsZero() {
        // pixels -> 2-bit thresholds (levels 1..3 only: t = 0 is reached by every pixel) -> padded 3x3 conv of +1s
        ThresholdActivation th = new ThresholdActivation(1, 2, new int[] {0, 10, 200}, new boolean[] {false});
        Conv conv = new Conv(1, 1, 3, 3, 1, 1, 2, Weights.fromInts(1, 1, 9, new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1}));
        ThresholdActivation th2 = new ThresholdActivation(1, 1, new int[] {5}, new boolean[] {false});
        Dense d = new Dense(1, 1, 4, Weights.fromInts(1, 1, 1, new int[] {1}));
        IntModel m = new IntModel(new Shape(1, 3, 3), List.of(th, conv, th2, new GlobalSumPool(), d), 1);
        ModelAnalysis a = ModelAnalysis.of(m);
        assertEquals(new ValueRange(1, 3), a.layer(0).channelRange(0));
        // padded positions read 0, so the input range read by the conv is [0, 3]: [0, 27]
        assertEquals(new ValueRange(0, 27), a.layer(1).channelRange(0));
        assertEquals(new ValueRange(0, 1), a.layer(2).channelRange(0));
        assertEquals(new ValueRange(0, 9), a.layer(3).channelRange(0)); // 3x3 positions
        assertEquals(4, a.layer(3).bits());
        assertEquals(new ValueRange(0, 9), a.scoreRange());
        // streaming: global sum keeps its 4-bit sum (1 byte); dense its int32
        assertEquals(1, a.streaming().layers().get(3).stateBytes());
    }
}
