package io.dot4j.quant.quantizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;

import java.util.HashSet;
import java.util.Set;

/** Level counts, ranges and idempotence of every quantizer, on seeded random inputs. */
class QuantizerPropertiesTest {

    @Property(tries = 60, seed = "20261129")
    void activationHasExactlyTwoToTheKLevelsInRangeAndIsIdempotent(@ForAll @IntRange(min = 1, max = 8) int bits,
                                                                   @ForAll @FloatRange(min = 0.1f, max = 10f) float max) {
        int n = (1 << bits) - 1;
        float step = ActivationQuantizer.step(bits, max);
        // a ramp from below 0 to above max hits every level
        int count = 40 * (n + 1);
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = -0.2f * max + 1.4f * max * i / (count - 1);
        }
        Variable y = new ActivationQuantizer(bits, max).apply(Variable.constant(Tensor.of(x, count)));
        Set<Integer> levels = new HashSet<>();
        for (float v : y.data().data()) {
            assertTrue(v >= 0f && v <= max * (1 + 1e-6f), "value " + v + " outside [0, " + max + "]");
            levels.add(ActivationQuantizer.level(v, bits, step));
            assertEquals(v, ActivationQuantizer.level(v, bits, step) * step, "values are level * step");
        }
        assertEquals(n + 1, levels.size());
        Variable again = new ActivationQuantizer(bits, max).apply(y);
        assertArrayEquals(y.data().data(), again.data().data(), "quantize(quantize(x)) == quantize(x)");
    }

    @Property(tries = 40, seed = "20261129")
    void uniformWeightsUseTheDocumentedLevelsAndAreIdempotent(@ForAll @IntRange(min = 2, max = 8) int bits,
                                                              @ForAll @IntRange(min = 0, max = 1000) int seed,
                                                              @ForAll boolean perChannel) {
        Scaling sc = perChannel ? Scaling.PER_CHANNEL : Scaling.PER_TENSOR;
        // each row holds 150 Gaussian weights and their negations, so both extreme levels occur
        Tensor w = Tensor.randn(new Rng(seed), 0.3f, 4, 300);
        float[] d = w.data();
        for (int r = 0; r < 4; r++) {
            for (int j = 0; j < 150; j++) {
                d[r * 300 + 150 + j] = -d[r * 300 + j];
            }
        }
        QuantizedWeights q = UniformWeight.quantize(w, sc, bits);
        int qmax = UniformWeight.maxLevel(bits);
        Set<Integer> levels = new HashSet<>();
        for (int v : q.levels()) {
            assertTrue(Math.abs(v) <= qmax, "level " + v + " beyond " + qmax);
            if (bits == 2) {
                assertTrue(v % 2 != 0, "2-bit levels are odd, got " + v);
            }
            levels.add(v);
        }
        int expected = bits == 2 ? 4 : 2 * qmax + 1; // 2^k for k = 2, 2^k - 1 (symmetric) above
        assertTrue(levels.size() <= expected);
        if (bits <= 4) {
            assertEquals(expected, levels.size(), "1200 Gaussian weights use every level");
        }
        idempotent(UniformWeight.quantizer(bits, sc), w);
    }

    @Property(tries = 30, seed = "20261129")
    void binaryAndTernaryAreIdempotent(@ForAll @IntRange(min = 0, max = 1000) int seed, @ForAll boolean perChannel) {
        Scaling sc = perChannel ? Scaling.PER_CHANNEL : Scaling.PER_TENSOR;
        Tensor w = Tensor.randn(new Rng(seed), 0.3f, 3, 50);
        QuantizedWeights b = BinaryWeight.quantize(w, sc);
        Set<Integer> bl = new HashSet<>();
        for (int v : b.levels()) {
            bl.add(v);
        }
        assertEquals(Set.of(-1, 1), bl);
        idempotent(BinaryWeight.quantizer(sc), w);
        QuantizedWeights t = TernaryWeight.quantize(w, sc);
        Set<Integer> tl = new HashSet<>();
        for (int v : t.levels()) {
            tl.add(v);
        }
        assertEquals(Set.of(-1, 0, 1), tl);
        idempotent(TernaryWeight.quantizer(sc), w);
    }

    /** The fake-quantized weights quantize to themselves (values equal up to one float rounding of the scale). */
    private static void idempotent(WeightQuantizer q, Tensor w) {
        Tensor once = q.apply(Variable.constant(w)).data();
        Tensor twice = q.apply(Variable.constant(once)).data();
        QuantizedWeights a = q.quantize(w), b = q.quantize(once);
        assertArrayEquals(a.levels(), b.levels(), q + ": levels of quantize(quantize(w))");
        float[] x = once.data(), y = twice.data();
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], y[i], Math.abs(x[i]) * 1e-5f, q + ": value " + i);
        }
    }
    @Property(tries = 80, seed = "20261130")
    void quantizedTensorAgreesWithLevelOnEveryHalfStepBoundary(@ForAll @IntRange(min = 1, max = 8) int bits,
                                                             @ForAll @FloatRange(min = 0.01f, max = 100f) float max) {
        int n = (1 << bits) - 1;
        float step = ActivationQuantizer.step(bits, max);
        // each boundary (j - 0.5) * step rounded to float, its float neighbours, plus NaN, infinities and negatives
        float[] x = new float[3 * (n + 2) + 4];
        int k = 0;
        for (int j = 0; j <= n + 1; j++) {
            float b = (float) ((j - 0.5) * step);
            x[k++] = Math.nextDown(b);
            x[k++] = b;
            x[k++] = Math.nextUp(b);
        }
        x[k++] = Float.NaN;
        x[k++] = Float.POSITIVE_INFINITY;
        x[k++] = Float.NEGATIVE_INFINITY;
        x[k] = -0f;
        float[] q = ActivationQuantizer.quantize(Tensor.of(x, x.length), bits, step).data();
        for (int i = 0; i < x.length; i++) {
            assertEquals(ActivationQuantizer.level(x[i], bits, step) * step, q[i], 0f, "x = " + x[i]);
        }
    }
}
