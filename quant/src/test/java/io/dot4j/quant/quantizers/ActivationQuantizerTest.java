package io.dot4j.quant.quantizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Hand-computed values and gradients of the activation and input quantizers. */
class ActivationQuantizerTest {
    private static final float S = 2f / 3f;

    @Test
    void defaultIsTwoBitsClippedAtTwo() {
        Variable x = new Variable(Tensor.vector(-1f, 0f, 0.3f, 0.34f, 1.01f, 1.5f, 1.9f, 2f, 3f));
        Variable y = new ActivationQuantizer().apply(x);
        // levels: <0 -> 0; 0.3 < S/2 -> 0; 0.34 >= S/2 -> 1; 1.01 >= 1.5 S -> 2; 1.5 < 2.5 S -> 2; 1.9 >= 2.5 S -> 3
        assertArrayEquals(new float[] {0, 0, 0, S, 2 * S, 2 * S, 3 * S, 3 * S, 3 * S}, y.data().data());
        F.sum(y).backward();
        assertArrayEquals(new float[] {0, 0, 1, 1, 1, 1, 1, 0, 0}, x.grad().data(), "passes strictly inside (0, 2)");
    }

    @Test
    void levelCountsTheHalfSteps() {
        float step = ActivationQuantizer.step(3, 7f); // 1.0
        assertEquals(1f, step);
        assertEquals(0, ActivationQuantizer.level(0.49f, 3, step));
        assertEquals(1, ActivationQuantizer.level(0.5f, 3, step), "half rounds up");
        assertEquals(7, ActivationQuantizer.level(6.5f, 3, step));
        assertEquals(7, ActivationQuantizer.level(1e9f, 3, step));
        assertEquals(0, ActivationQuantizer.level(Float.NaN, 3, step));
    }

    @Test
    void pactLearnsTheClipFromClippedElements() {
        Variable x = new Variable(Tensor.vector(-0.5f, 0.4f, 1.2f, 3f, 5f));
        Variable alpha = new Variable(Tensor.vector(3f));
        Variable y = new PactActivation(2).apply(x, alpha); // step 1
        assertArrayEquals(new float[] {0, 0, 1, 3, 3}, y.data().data());
        F.sum(F.mul(y, Variable.constant(Tensor.vector(1, 2, 3, 4, 5)))).backward();
        assertArrayEquals(new float[] {0, 2, 3, 0, 0}, x.grad().data());
        assertArrayEquals(new float[] {9}, alpha.grad().data(), "dL/dalpha sums the gradients where x >= alpha: 4 + 5");
    }

    @Test
    void inputQuantizerKeepsPixelLevels() {
        float[] px = new float[256];
        for (int p = 0; p < 256; p++) {
            px[p] = p / 255f;
        }
        Variable y = new InputQuantizer().apply(Variable.constant(Tensor.of(px, 256)));
        assertArrayEquals(px, y.data().data(), "pixel / 255f is a fixed point");
        for (int p = 0; p < 256; p++) {
            assertEquals(p, InputQuantizer.level(px[p]));
        }
        assertEquals(0, InputQuantizer.level(-0.1f));
        assertEquals(255, InputQuantizer.level(1.7f));
    }
}
