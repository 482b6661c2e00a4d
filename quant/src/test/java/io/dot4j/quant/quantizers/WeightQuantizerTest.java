package io.dot4j.quant.quantizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Hand-computed values and straight-through gradients of the weight quantizers. */
class WeightQuantizerTest {

    private static Tensor w2x3() {
        // row 0: mean |w| = (0.5 + 1.5 + 0) / 3 = 2/3; row 1: (0.25 + 0.25 + 2) / 3 = 5/6; all: 4.5 / 6 = 0.75
        return Tensor.of(new float[] {0.5f, -1.5f, 0f, -0.25f, 0.25f, 2f}, 2, 3);
    }

    /** Applies a quantizer, backpropagates a gradient of 1..6 and returns {values, gradient}. */
    private static float[][] forwardBackward(WeightQuantizer q, Tensor w) {
        Variable v = new Variable(w.copy());
        Variable y = q.apply(v);
        float[] g = new float[w.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = i + 1;
        }
        F.sum(F.mul(y, Variable.constant(Tensor.of(g, w.shape())))).backward();
        return new float[][] {y.data().data().clone(), v.grad().data().clone()};
    }

    @Test
    void binaryPerTensorUsesMeanAbsAndSignOfZeroIsPlusOne() {
        float[][] r = forwardBackward(BinaryWeight.quantizer(Scaling.PER_TENSOR), w2x3());
        float a = 0.75f;
        assertArrayEquals(new float[] {a, -a, a, -a, a, a}, r[0]);
        // hardtanh STE: |w| <= 1 passes; -1.5 and 2 are cut
        assertArrayEquals(new float[] {1, 0, 3, 4, 5, 0}, r[1]);
    }

    @Test
    void binaryPerChannelHasOneScalePerRow() {
        QuantizedWeights q = BinaryWeight.quantize(w2x3(), Scaling.PER_CHANNEL);
        assertArrayEquals(new int[] {1, -1, 1, -1, 1, 1}, q.levels());
        assertEquals(2f / 3f, q.scale(0), 1e-7f);
        assertEquals(5f / 6f, q.scale(1), 1e-7f);
        float[][] r = forwardBackward(BinaryWeight.quantizer(Scaling.PER_CHANNEL), w2x3());
        assertArrayEquals(q.toTensor(2, 3).data(), r[0]);
    }

    @Test
    void ternaryThresholdsAtSevenTenthsOfMeanAbs() {
        // per tensor: delta = 0.7 * 0.75 = 0.525: 0.5, 0, -0.25, 0.25 -> 0; -1.5, 2 kept, scale = (1.5 + 2) / 2 = 1.75
        QuantizedWeights q = TernaryWeight.quantize(w2x3(), Scaling.PER_TENSOR);
        assertArrayEquals(new int[] {0, -1, 0, 0, 0, 1}, q.levels());
        assertEquals(1.75f, q.scale(0));
        // per channel: row 0 delta = 0.4667 keeps 0.5 and -1.5 (scale 1.0); row 1 delta = 0.5833 keeps 2 (scale 2)
        QuantizedWeights pc = TernaryWeight.quantize(w2x3(), Scaling.PER_CHANNEL);
        assertArrayEquals(new int[] {1, -1, 0, 0, 0, 1}, pc.levels());
        assertEquals(1f, pc.scale(0));
        assertEquals(2f, pc.scale(1));
        float[][] r = forwardBackward(TernaryWeight.quantizer(Scaling.PER_CHANNEL), w2x3());
        assertArrayEquals(new float[] {1, -1, 0, 0, 0, 2}, r[0]);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, r[1], "identity straight-through gradient");
    }

    @Test
    void ternaryOfAllZerosIsZeroWithScaleZero() {
        QuantizedWeights q = TernaryWeight.quantize(Tensor.zeros(2, 2), Scaling.PER_TENSOR);
        assertArrayEquals(new int[4], q.levels());
        assertEquals(0f, q.scale(0));
    }

    @Test
    void twoBitUniformUsesTheOddLevelsWithALeastSquaresStep() {
        // mean |w| = 0.75 -> u0 = 0.468; w/u0 = 1.07, -3.21, 0, -0.53, 0.53, 4.27 -> nearest odd 1, -3, +1 (0 -> +1), -1, 1,
        // 3 (clamped from 5); least squares u = sum w q / sum q^2 = 11.5 / 22, which keeps the same levels
        QuantizedWeights q = UniformWeight.quantize(w2x3(), Scaling.PER_TENSOR, 2);
        assertArrayEquals(new int[] {1, -3, 1, -1, 1, 3}, q.levels());
        assertEquals((float) (11.5 / 22), q.scale(0));
    }

    @Test
    void twoBitGradientStopsBeyondTheOuterBins() {
        // u0 = 0.624 * 100.7 / 8; levels 1, -1, ..., 3; u = (7 * 0.1 + 300) / 16 = 18.79; 4u = 75.2 cuts only the 100
        Tensor w = Tensor.of(new float[] {0.1f, -0.1f, 0.1f, -0.1f, 0.1f, -0.1f, 0.1f, 100f}, 2, 4);
        QuantizedWeights q = UniformWeight.quantize(w, Scaling.PER_TENSOR, 2);
        assertArrayEquals(new int[] {1, -1, 1, -1, 1, -1, 1, 3}, q.levels());
        assertEquals((float) ((7 * 0.1f + 300.0) / 16), q.scale(0), 1e-5f);
        float[][] r = forwardBackward(UniformWeight.quantizer(2, Scaling.PER_TENSOR), w);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 0}, r[1]);
    }

    @Test
    void eightBitUniformIsInt8WithMaxScaling() {
        // u = 2 / 127; w/u = 31.75 -> 32, -95.25 -> -95, 0, -15.875 -> -16, 15.875 -> 16, 127
        QuantizedWeights q = UniformWeight.quantize(w2x3(), Scaling.PER_TENSOR, 8);
        assertArrayEquals(new int[] {32, -95, 0, -16, 16, 127}, q.levels());
        assertEquals(2f / 127f, q.scale(0));
        assertEquals(8, UniformWeight.quantizer(8, Scaling.PER_TENSOR).runtimeBits());
        assertEquals(2, UniformWeight.quantizer(2, Scaling.PER_TENSOR).runtimeBits());
        assertEquals(8, UniformWeight.quantizer(5, Scaling.PER_TENSOR).runtimeBits());
    }

    @Test
    void threeBitRoundsHalfAwayFromZero() {
        // u = max / 3 = 1; 0.5 -> 1, -1.5 -> -2, 2.5 -> 3, -0.49 -> 0
        QuantizedWeights q = UniformWeight.quantize(Tensor.of(new float[] {0.5f, -1.5f, 2.5f, -0.49f, 3f}, 1, 5),
                Scaling.PER_TENSOR, 3);
        assertArrayEquals(new int[] {1, -2, 3, 0, 3}, q.levels());
    }

    @Test
    void badBitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> UniformWeight.quantizer(1, Scaling.PER_TENSOR));
        assertThrows(IllegalArgumentException.class, () -> UniformWeight.quantizer(9, Scaling.PER_TENSOR));
    }
}
