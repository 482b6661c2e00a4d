package io.dot4j.runtime.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.Flatten;
import io.dot4j.runtime.ir.GlobalSumPool;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.ir.Weights;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The oracle itself, held to cases small enough to compute by hand (worked out in the comments). */
class ReferenceInterpreterTest {
    /** 3x3 pixels 1..9, row-major. */
    private static final byte[] NINE = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    /** 2x2 kernel, (ky, kx) order: (0,0) = 1, (0,1) = -1, (1,0) = 2, (1,1) = 0. */
    private static final int[] KERNEL = {1, -1, 2, 0};

    private static List<int[]> run(Shape input, byte[] pixels, Layer... layers) {
        Dense last = (Dense) layers[layers.length - 1];
        return new ReferenceInterpreter(new IntModel(input, List.of(layers), last.outFeatures())).run(pixels);
    }

    @Test
    void aTinyConvolutionThresholdsAndADenseLayerWithBias() {
        List<int[]> out = run(new Shape(1, 3, 3), NINE,
                new Conv(1, 1, 2, 2, 1, 0, 8, Weights.fromInts(8, 1, 4, KERNEL)),
                new ThresholdActivation(1, 1, new int[] {10}, new boolean[] {false}),
                new Flatten(),
                new Dense(2, 4, 1, Weights.fromInts(1, 2, 4, new int[] {1, 1, 1, 1, -1, 1, -1, 1}), new int[] {0, 5}));
        // (0,0): 1*1 - 1*2 + 2*4 + 0*5 = 7; (0,1): 2 - 3 + 2*5 = 9; (1,0): 4 - 5 + 2*7 = 13; (1,1): 5 - 6 + 2*8 = 15
        assertArrayEquals(new int[] {7, 9, 13, 15}, out.get(0));
        // level = 1 where the sum reaches 10
        assertArrayEquals(new int[] {0, 0, 1, 1}, out.get(1));
        assertArrayEquals(new int[] {0, 0, 1, 1}, out.get(2));
        // out 0: 0 + 0 + 1 + 1 = 2; out 1: 5 + (-0 + 0 - 1 + 1) = 5
        assertArrayEquals(new int[] {2, 5}, out.get(3));
    }

    @Test
    void strideAndPaddingReadLevelZeroOutsideTheImage() {
        List<int[]> out = run(new Shape(1, 3, 3), NINE,
                new Conv(1, 1, 2, 2, 2, 1, 8, Weights.fromInts(8, 1, 4, KERNEL)),
                new ThresholdActivation(1, 1, new int[] {0}, new boolean[] {false}),
                new Dense(1, 4, 1, Weights.fromInts(8, 1, 4, new int[] {1, 2, 3, 4})));
        // output 2x2: (3 + 2 - 2) / 2 + 1; output (oy, ox) reads input rows 2*oy - 1 .. 2*oy, columns 2*ox - 1 .. 2*ox
        // (0,0): only pixel (0,0) = 1, under kernel (1,1) = 0: 0
        // (0,1): pixels (0,1) = 2 and (0,2) = 3 under kernel (1,0) = 2 and (1,1) = 0: 4
        // (1,0): pixels (1,0) = 4, (2,0) = 7 under kernel (0,1) = -1, (1,1) = 0: -4
        // (1,1): pixels 5, 6, 8, 9 under 1, -1, 2, 0: 5 - 6 + 16 = 15
        assertArrayEquals(new int[] {0, 4, -4, 15}, out.get(0));
        assertArrayEquals(new int[] {1, 1, 0, 1}, out.get(1)); // v >= 0
        assertArrayEquals(new int[] {1 + 2 + 4}, out.get(2)); // 1*1 + 2*1 + 3*0 + 4*1
    }

    @Test
    void thresholdsWithANegativeChannelOnMultiChannelPixels() {
        // (2,1,2) channel-last: position 0 = (10, 20), position 1 = (30, 40)
        byte[] pixels = {10, 20, 30, 40};
        List<int[]> out = run(new Shape(2, 1, 2), pixels,
                new ThresholdActivation(2, 2, new int[] {10, 25, 35, 15, 20, 100}, new boolean[] {false, true}),
                new Conv(1, 2, 1, 2, 1, 0, 2, Weights.fromInts(2, 1, 4, new int[] {1, 3, -1, -3})),
                new ThresholdActivation(1, 1, new int[] {2}, new boolean[] {true}),
                new Dense(1, 1, 1, Weights.fromInts(1, 1, 1, new int[] {-1}), new int[] {-3}));
        // channel 0 (positive, t = 10, 25, 35): 10 reaches 10: level 1; 30 reaches 10, 25: level 2
        // channel 1 (negative, t = 15, 20, 100: counts t >= v): 20 -> 20, 100: level 2; 40 -> 100: level 1
        assertArrayEquals(new int[] {1, 2, 2, 1}, out.get(0));
        // weights in (kx, c) order: (0,0) = 1, (0,1) = 3, (1,0) = -1, (1,1) = -3: 1*1 + 3*2 - 1*2 - 3*1 = 2
        assertArrayEquals(new int[] {2}, out.get(1));
        assertArrayEquals(new int[] {1}, out.get(2)); // negative: 2 <= 2
        assertArrayEquals(new int[] {-3 - 1}, out.get(3));
    }

    @Test
    void maxPoolAndGlobalSumOnLevels() {
        List<int[]> out = run(new Shape(1, 3, 3), NINE,
                new ThresholdActivation(1, 2, new int[] {3, 5, 8}, new boolean[] {false}),
                new MaxPool(2, 1),
                new GlobalSumPool(),
                new Dense(2, 1, 4, Weights.fromInts(8, 2, 1, new int[] {3, -2}), new int[] {1, 0}));
        // pixels 1..9 -> levels 0 0 1 / 1 2 2 / 2 3 3 (thresholds 3, 5, 8)
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2, 2, 3, 3}, out.get(0));
        // 2x2 windows at stride 1: max(0,0,1,2) = 2, max(0,1,2,2) = 2, max(1,2,2,3) = 3, max(2,2,3,3) = 3
        assertArrayEquals(new int[] {2, 2, 3, 3}, out.get(1));
        assertArrayEquals(new int[] {10}, out.get(2));
        // 1 + 3*10 = 31; 0 - 2*10 = -20
        assertArrayEquals(new int[] {31, -20}, out.get(3));
        assertEquals(4, new IntModel(new Shape(1, 3, 3), List.of(new ThresholdActivation(1, 2, new int[] {3, 5, 8},
                new boolean[] {false}), new MaxPool(2, 1), new GlobalSumPool(), new Dense(2, 1, 4,
                Weights.fromInts(8, 2, 1, new int[] {3, -2}))), 2).outputTypes().get(2).bits()); // 4 * 3 = 12 needs 4 bits
    }

    @Test
    void aTwoBitDenseOnPixels() {
        // dense on the 3 pixels (1, 2, 3), 2-bit weights: row 0 (3, -1, -3), bias -2: -2 + 3 - 2 - 9 = -10;
        // row 1 (1, 1, -1), bias 0: 1 + 2 - 3 = 0
        List<int[]> out = run(new Shape(1, 1, 3), new byte[] {1, 2, 3},
                new Dense(2, 3, 8, Weights.fromInts(2, 2, 3, new int[] {3, -1, -3, 1, 1, -1}), new int[] {-2, 0}));
        assertArrayEquals(new int[] {-10, 0}, out.get(0));
    }

    @Test
    void refusesAnImageOfTheWrongSize() {
        ReferenceInterpreter ref = new ReferenceInterpreter(new IntModel(new Shape(1, 1, 3),
                List.of(new Dense(1, 3, 8, Weights.fromInts(1, 1, 3, new int[] {1, 1, 1}))), 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ref.run(new byte[2]));
        assertEquals("expected 3 pixels for input (1,1,3), got 2", e.getMessage());
        assertArrayEquals(new int[] {255 * 3}, ref.scores(new byte[] {-1, -1, -1})); // pixels are unsigned
    }
}
