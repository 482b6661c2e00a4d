package io.dot4j.quant.lowering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.core.autograd.NoGrad;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.nn.BatchNorm;
import io.dot4j.core.nn.Module;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.quant.layers.Precision;
import io.dot4j.quant.layers.QuantLinear;
import io.dot4j.quant.layers.WeightKind;
import io.dot4j.quant.network.LayerSpec;
import io.dot4j.quant.network.NetworkSpec;
import io.dot4j.quant.network.QuantizedNetwork;
import io.dot4j.quant.quantizers.Scaling;
import io.dot4j.quant.testing.MiniTrainer;
import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.kernels.IntEngine;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * Random (untrained) networks with random batch-norm statistics, covering every weight kind, multi-channel inputs
 * (layout permutations), strides and padding, PACT, global sum pooling and hidden dense layers: the direct simulation,
 * the reference interpreter and the engine agree exactly at every layer, and the float forward agrees on the levels.
 */
class LoweringRandomNetworkTest {

    private static Precision p(WeightKind k, int wb, Scaling s, int ab, float clip, boolean pact) {
        return new Precision(k, wb, s, ab, clip, pact);
    }

    private static NetworkSpec mixed() {
        return new NetworkSpec(3, 11, 9, List.of(
                new LayerSpec.Conv(5, 3, 1, 1, true, p(WeightKind.UNIFORM, 8, Scaling.PER_CHANNEL, 3, 2f, false)),
                new LayerSpec.MaxPool(2, 1),
                new LayerSpec.Conv(6, 3, 2, 1, false, p(WeightKind.BINARY, 1, Scaling.PER_CHANNEL, 2, 1.5f, true)),
                new LayerSpec.Conv(7, 2, 1, 0, false, p(WeightKind.UNIFORM, 2, Scaling.PER_TENSOR, 1, 1f, false)),
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(12, true, p(WeightKind.TERNARY, 2, Scaling.PER_CHANNEL, 4, 3f, false)),
                new LayerSpec.Dense(4, true, p(WeightKind.UNIFORM, 5, Scaling.PER_CHANNEL, 2, 2f, false))));
    }

    private static NetworkSpec sumPooled() {
        return new NetworkSpec(2, 8, 8, List.of(
                new LayerSpec.Conv(6, 3, 1, 0, p(WeightKind.BINARY, 1, Scaling.PER_CHANNEL, 2, 2f, false)),
                new LayerSpec.GlobalSumPool(),
                new LayerSpec.Dense(8, false, p(WeightKind.UNIFORM, 3, Scaling.PER_CHANNEL, 2, 2f, false)),
                new LayerSpec.Dense(3, false, p(WeightKind.BINARY, 1, Scaling.PER_CHANNEL, 2, 2f, false))));
    }

    /** Random BN statistics and affine parameters, with some negative and zero gammas, and nonzero biases. */
    private static void randomize(QuantizedNetwork net, long seed) {
        Rng rng = new Rng(seed);
        for (Module m : net.stages()) {
            if (m instanceof BatchNorm bn) {
                float[] g = bn.gamma().data().data(), b = bn.beta().data().data();
                float[] mu = bn.runningMean().data(), var = bn.runningVar().data();
                for (int c = 0; c < g.length; c++) {
                    g[c] = (float) (0.2 + rng.nextDouble()) * (c % 4 == 1 ? -1 : 1);
                    if (c % 5 == 3) {
                        g[c] = 0f;
                    }
                    b[c] = (float) (rng.nextDouble() * 2);
                    mu[c] = (float) (rng.nextGaussian() * 0.3);
                    var[c] = (float) (0.05 + rng.nextDouble() * 0.5);
                }
            }
        }
        net.namedParameters().forEach((k, v) -> {
            if (k.endsWith(".b")) {
                float[] d = v.data().data();
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) (rng.nextGaussian() * 0.2);
                }
            }
        });
    }

    private static byte[][] images(int count, int size, long seed) {
        Rng rng = new Rng(seed);
        byte[][] out = new byte[count][size];
        for (byte[] img : out) {
            for (int i = 0; i < size; i++) {
                img[i] = (byte) (rng.nextDouble() < 0.3 ? 0 : (int) (rng.nextDouble() * 256));
            }
        }
        return out;
    }

    private static void check(NetworkSpec spec, long seed) {
        QuantizedNetwork net = QuantizedNetwork.build(spec, new Rng(seed));
        randomize(net, seed + 1);
        net.eval();
        IntegerSimulation sim = IntegerSimulation.of(net);
        IntModel model = sim.model();
        int c = spec.channels(), h = spec.height(), w = spec.width();
        byte[][] imgs = images(200, c * h * w, seed + 2);
        // float forward of the same images
        float[] x = new float[imgs.length * c * h * w];
        for (int i = 0; i < imgs.length; i++) {
            for (int j = 0; j < c * h * w; j++) {
                x[i * c * h * w + j] = (imgs[i][j] & 0xFF) / 255f;
            }
        }
        Tensor scores;
        try (var _ = NoGrad.enter()) {
            scores = net.forward(Variable.constant(Tensor.wrap(x, imgs.length, c, h, w))).data();
        }
        int[] floatPred = MiniTrainer.argmax(scores);
        int agree = 0;
        try (IntEngine engine = new IntEngine(model)) {
            for (int i = 0; i < imgs.length; i++) {
                List<IntegerSimulation.Output> direct = sim.run(imgs[i]);
                List<int[]> ref = sim.runtimeTrace(imgs[i]);
                List<int[]> fast = engine.trace(Layouts.toChannelLast(imgs[i], c, h, w));
                for (int l = 0; l < direct.size(); l++) {
                    assertArrayEquals(ref.get(l), direct.get(l).channelLast(), "image " + i + " layer " + l);
                    assertArrayEquals(ref.get(l), fast.get(l), "image " + i + " layer " + l + " (engine)");
                }
                int[] s = direct.getLast().values();
                int ip = IntModel.argmax(s);
                if (ip == floatPred[i]) {
                    agree++;
                } else {
                    assertEquals(s[ip], s[floatPred[i]], "image " + i + ": a disagreement must be an exact integer tie");
                }
            }
        }
        assertTrue(agree >= 190, "float and integer predictions agree on " + agree + " / 200");
    }

    @Test
    void mixedPrecisionMultiChannelNetworkLowersExactly() {
        for (long seed = 1; seed <= 3; seed++) {
            check(mixed(), seed * 100);
        }
    }

    @Test
    void globalSumPoolNetworkLowersExactly() {
        for (long seed = 1; seed <= 3; seed++) {
            check(sumPooled(), seed * 100);
        }
    }

    @Test
    void loweredLayersHaveTheExpectedKindsBitsAndSigns() {
        QuantizedNetwork net = QuantizedNetwork.build(mixed(), new Rng(5));
        randomize(net, 6);
        IntModel m = Lowering.lower(net);
        List<String> kinds = m.layers().stream().map(l -> l.kind()).toList();
        assertEquals(List.of("Conv", "ThresholdActivation", "MaxPool", "Conv", "ThresholdActivation", "Conv",
                "ThresholdActivation", "Flatten", "Dense", "ThresholdActivation", "Dense"), kinds);
        assertEquals(8, ((Conv) m.layers().get(0)).weightBits());
        assertEquals(8, ((Conv) m.layers().get(0)).inputBits());
        assertEquals(1, ((Conv) m.layers().get(3)).weightBits());
        assertEquals(3, ((Conv) m.layers().get(3)).inputBits());
        assertEquals(2, ((Conv) m.layers().get(5)).weightBits());
        assertEquals(8, ((Dense) m.layers().get(8)).weightBits(), "ternary is stored as int8");
        assertEquals(1, ((Dense) m.layers().get(8)).inputBits());
        ThresholdActivation t = (ThresholdActivation) m.layers().get(1);
        assertTrue(t.isNegative(1), "gamma < 0 -> negative channel");
        assertTrue(!t.isNegative(3), "gamma = 0 -> constant level on a positive channel");
        assertEquals(7, t.perChannel());
        assertTrue(((Dense) m.layers().get(10)).hasBias());
        // after a global sum of 6x6 2-bit levels (at most 108) the dense layer reads 7-bit levels
        assertEquals(7, ((Dense) Lowering.lower(QuantizedNetwork.build(sumPooled(), new Rng(1))).layers().get(3)).inputBits());
    }

    @Test
    void theScoresLayerNeedsOneWeightScale() {
        QuantizedNetwork net = QuantizedNetwork.build(sumPooled(), new Rng(1));
        // QuantizedNetwork forces one scale; a scores layer built per channel is refused
        QuantLinear last = (QuantLinear) net.child("fc2");
        assertEquals(Scaling.PER_TENSOR, last.quantizer().scaling());
        assertThrows(IllegalArgumentException.class, () -> QuantizedNetwork.build(new NetworkSpec(1, 4, 4, List.of(
                new LayerSpec.Flatten(), new LayerSpec.Conv(2, 3, 1, 0, Precision.parse("w1a2")),
                new LayerSpec.Dense(2, true, Precision.parse("w1a2")))), new Rng(1)));
    }
}
