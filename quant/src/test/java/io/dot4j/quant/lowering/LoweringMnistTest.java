package io.dot4j.quant.lowering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.core.autograd.NoGrad;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.nn.BatchNorm;
import io.dot4j.core.nn.Module;
import io.dot4j.quant.layers.QuantActivation;
import io.dot4j.quant.network.QuantizedNetwork;
import io.dot4j.quant.testing.MiniTrainer;
import io.dot4j.quant.testing.Mnist;
import io.dot4j.quant.testing.TrainedNets;
import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.format.ModelWriter;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.kernels.IntEngine;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * The lowered integer model of a QAT-trained w1a2 CNN on real MNIST test images: the float fake-quantized forward, the
 * direct integer simulation, the runtime's reference interpreter and its fast engine.
 */
class LoweringMnistTest {
    private static final int IMAGES = 1000;
    /** Images compared at every layer on all three integer paths (the rest: scores, direct vs engine). */
    private static final int TRACED = 200;

    @Test
    void integerPredictionsAgreeWithTheFakeQuantizedFloatForward() {
        QuantizedNetwork net = TrainedNets.smallW1A2();
        checkAgreement(net, "trained", IMAGES, 0.999);
    }

    @Test
    void negativeAndZeroGammaChannelsLowerExactly() {
        QuantizedNetwork net = TrainedNets.smallW1A2();
        BatchNorm bn1 = (BatchNorm) net.child("conv1_bn");
        BatchNorm bn2 = (BatchNorm) net.child("conv2_bn");
        // channel 0: negative scale; channel 1: zero scale with a beta in the middle of the levels; channel 2: zero
        // scale, level 0; a negative channel in the second conv as well
        float[] g1 = bn1.gamma().data().data();
        float[] b1 = bn1.beta().data().data();
        g1[0] = -g1[0];
        b1[0] = 1.0f;
        g1[1] = 0f;
        b1[1] = 1.1f;
        g1[2] = 0f;
        b1[2] = -0.5f;
        float[] g2 = bn2.gamma().data().data();
        for (int c = 0; c < 32; c += 3) {
            g2[c] = -Math.abs(g2[c]);
        }
        g2[1] = 0f;
        IntModel model = Lowering.lower(net);
        ThresholdActivation t1 = (ThresholdActivation) model.layers().get(1);
        assertTrue(t1.isNegative(0), "a negative gamma gives a negative channel");
        assertTrue(!t1.isNegative(1) && !t1.isNegative(2));
        for (int v : new int[] {-9 * 255, -7, 0, 7, 9 * 255}) { // the accumulator range of a 3x3 binary conv on pixels
            assertEquals(2, t1.level(1, v), "zero gamma, beta 1.0 with step 2/3: constant level 2 (1.1 is between 1.5 and 2.5 steps)");
            assertEquals(0, t1.level(2, v), "zero gamma, negative beta: constant level 0");
        }
        checkAgreement(net, "negative/zero gamma", 500, 0.999);
    }

    private static void checkAgreement(QuantizedNetwork net, String label, int images, double minAgreement) {
        Dataset test = Mnist.test();
        int[] floatPred = MiniTrainer.predict(net, test, 0, images);
        IntegerSimulation sim = IntegerSimulation.of(net);
        IntModel model = sim.model();
        int agree = 0;
        int ties = 0;
        int[] intPred = new int[images];
        try (IntEngine engine = new IntEngine(model)) {
            for (int i = 0; i < images; i++) {
                byte[] px = test.image(i);
                List<IntegerSimulation.Output> direct = sim.run(px);
                byte[] hwc = Layouts.toChannelLast(px, 1, 28, 28);
                if (i < TRACED) {
                    List<int[]> reference = sim.runtimeTrace(px);
                    List<int[]> fast = engine.trace(hwc);
                    assertEquals(model.layers().size(), direct.size());
                    for (int l = 0; l < direct.size(); l++) {
                        int[] d = direct.get(l).channelLast();
                        assertArrayEquals(reference.get(l), d, label + ": image " + i + " layer " + l + " direct vs reference");
                        assertArrayEquals(reference.get(l), fast.get(l), label + ": image " + i + " layer " + l + " engine vs reference");
                    }
                } else {
                    assertArrayEquals(engine.scores(hwc), direct.getLast().values(), label + ": image " + i + " scores");
                }
                intPred[i] = IntModel.argmax(direct.getLast().values());
                if (intPred[i] == floatPred[i]) {
                    agree++;
                } else {
                    // the only allowed difference: an exact tie of integer scores, which the integer argmax breaks
                    // towards the lower index and the float one by float rounding
                    int[] s = direct.getLast().values();
                    assertEquals(s[intPred[i]], s[floatPred[i]], label + ": image " + i + ": integer class " + intPred[i]
                            + " but float class " + floatPred[i] + " without a tie, scores " + java.util.Arrays.toString(s));
                    ties++;
                }
            }
        }
        double rate = agree / (double) images;
        System.out.printf("%s: integer vs float predictions agree on %d / %d (the rest are exact integer ties: %d); "
                + "integer accuracy %.1f %%%n", label, agree, images, ties,
                100 * MiniTrainer.accuracy(intPred, test, 0));
        double levelRate = levelAgreement(net, sim, test);
        System.out.printf("%s: activation levels agree on %.5f of elements%n", label, levelRate);
        assertTrue(rate >= minAgreement, label + ": agreement " + rate + " < " + minAgreement);
        assertTrue(levelRate >= 0.9999, label + ": level agreement " + levelRate);
    }

    /** Fraction of activation levels (every QuantActivation output) equal between the float forward and the simulation. */
    private static double levelAgreement(QuantizedNetwork net, IntegerSimulation sim, Dataset test) {
        int n = 200;
        long same = 0, total = 0;
        net.eval();
        try (NoGrad _ = NoGrad.enter()) {
            Variable h = new io.dot4j.quant.quantizers.InputQuantizer().apply(Variable.constant(Mnist.batch(test, 0, n)));
            List<List<IntegerSimulation.Output>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                runs.add(sim.run(test.image(i)));
            }
            int thresholdIndex = -1;
            List<Module> stages = net.stages();
            for (Module m : stages) {
                h = m.forward(h);
                if (m instanceof QuantActivation act) {
                    // the matching IR layer is the next ThresholdActivation
                    thresholdIndex = nextThreshold(sim.model(), thresholdIndex + 1);
                    float step = act.step();
                    float[] v = h.data().data();
                    int per = v.length / n;
                    for (int i = 0; i < n; i++) {
                        int[] ints = runs.get(i).get(thresholdIndex).values();
                        for (int j = 0; j < per; j++) {
                            int level = Math.round(v[i * per + j] / step);
                            same += level == ints[j] ? 1 : 0;
                            total++;
                        }
                    }
                }
            }
        }
        assertTrue(total > 0);
        return same / (double) total;
    }

    private static int nextThreshold(IntModel model, int from) {
        for (int i = from; i < model.layers().size(); i++) {
            if (model.layers().get(i) instanceof ThresholdActivation) {
                return i;
            }
        }
        throw new AssertionError("no ThresholdActivation after layer " + from);
    }

    @Test
    void loweredModelSurvivesTheFileFormat() throws Exception {
        IntModel model = Lowering.lower(TrainedNets.smallW1A2());
        byte[] bytes = ModelWriter.toBytes(model);
        IntModel back = ModelReader.read(bytes, "lowered.dot4j");
        assertEquals(model, back);
        assertArrayEquals(bytes, ModelWriter.toBytes(back));
    }
}
