package io.dot4j.runtime.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.RandomBitConvModels;
import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.RealImages;
import io.dot4j.runtime.TinyModels;
import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The analysis holds for what the reference interpreter computes, on random models of every layer kind. */
class ModelAnalysisPropertyTest {

    @Property(tries = 300, seed = "20261207")
    void randomModelsStayInTheirRanges(@ForAll long seed) {
        IntModel model = RandomModels.generate(seed);
        AnalysisChecks.check(model, RandomModels.images(model, seed ^ 0xa11, 4), seed);
    }

    @Property(tries = 150, seed = "20261208")
    void randomBitConvModelsStayInTheirRanges(@ForAll long seed) {
        IntModel model = RandomBitConvModels.generate(seed);
        AnalysisChecks.check(model, RandomModels.images(model, seed ^ 0xb17, 3), seed);
    }

    /** The tiny deployed models, thresholds calibrated on real digits, on real digits. */
    @Test
    void tinyModelsOnMnistDigitsStayInTheirRanges() {
        byte[][] digits = RealImages.mnistTest(24);
        byte[][] calib = Arrays.copyOf(digits, 12);
        IntModel[] models = {TinyModels.a(1, 1, calib), TinyModels.a(2, 8, calib), TinyModels.b(3, 1, calib),
            TinyModels.c(4, 1, calib)};
        for (int i = 0; i < models.length; i++) {
            AnalysisChecks.check(models[i], digits, i);
        }
    }

    /** Every conformance fixture's model on its own images. */
    @Test
    void conformanceFixturesStayInTheirRanges() {
        for (io.dot4j.runtime.conformance.ConformanceFixtures.Fixture f : io.dot4j.runtime.conformance.ConformanceFixtures.all()) {
            AnalysisChecks.check(f.model(), f.images(), f.name().hashCode());
        }
    }

    /** Keys reproduce the layer's levels on every value of a small incoming range, not only on those that occur. */
    @Property(tries = 300, seed = "20261209")
    void thresholdKeysEqualTheLayerOnTheWholeRange(@ForAll long seed) {
        IntModel model = RandomModels.generate(seed);
        ModelAnalysis a = ModelAnalysis.of(model);
        for (LayerAnalysis l : a.layers()) {
            if (!(l.layer() instanceof ThresholdActivation)) {
                continue;
            }
            ThresholdActivation t = (ThresholdActivation) l.layer();
            ThresholdKeys keys = l.thresholdKeys().orElseThrow();
            for (int c = 0; c < t.channels(); c++) {
                ValueRange r = keys.incoming(c);
                long step = Math.max(1, (r.max() - r.min()) / 4000); // exhaustive when the range is small
                for (long v = r.min(); v <= r.max(); v += step) {
                    assertEquals(t.level(c, (int) v), keys.level(c, v), "layer " + l.index() + " channel " + c + " value " + v);
                }
                assertEquals(t.level(c, (int) r.max()), keys.level(c, r.max()));
                ValueRange keyRange = keys.keyRange();
                for (int i = 0; i < keys.perChannel(); i++) {
                    assertTrue(keyRange.contains(keys.key(c, i)));
                    assertTrue(keys.key(c, i) >= r.min() - 1 && keys.key(c, i) <= r.max() + 1, "key clamped to " + r);
                }
            }
            assertTrue(keys.keyBits() <= l.inputRange().signedBits() + 1, "keys need at most one bit more than the values");
        }
    }

    /** Checks shared by the property tests and the real-image test. */
    static final class AnalysisChecks {
        private AnalysisChecks() {
        }

        static void check(IntModel model, byte[][] images, long seed) {
            ModelAnalysis a = ModelAnalysis.of(model);
            ReferenceInterpreter ref = new ReferenceInterpreter(model);
            Random r = new Random(seed);
            assertEquals(model.layers().size(), a.layers().size());
            assertEquals(model.peakActivationBytes(), a.buffers().packedPeakBytes(), "whole-tensor packed peak");
            for (byte[] img : images) {
                List<int[]> outs = ref.run(img);
                int[] in = new int[img.length];
                for (int i = 0; i < in.length; i++) {
                    in[i] = img[i] & 0xFF;
                }
                for (int i = 0; i < outs.size(); i++) {
                    LayerAnalysis l = a.layer(i);
                    checkLayer(l, in, outs.get(i), r, "model " + seed + " layer " + i + " (" + l.layer().kind() + ")");
                    in = outs.get(i);
                }
            }
        }

        private static void checkLayer(LayerAnalysis l, int[] in, int[] out, Random r, String where) {
            Shape os = l.output().shape(), is = l.input().shape();
            for (int i = 0; i < in.length; i++) {
                assertTrue(l.inputChannelRange(i % is.channels()).contains(in[i]), where + ": input " + in[i]);
            }
            for (int i = 0; i < out.length; i++) {
                ValueRange cr = l.channelRange(i % os.channels());
                assertTrue(cr.contains(out[i]), where + ": output " + i + " = " + out[i] + " outside " + cr);
                if (l.isAccumulator()) {
                    long half = 1L << (l.bits() - 1);
                    assertTrue(out[i] >= -half && out[i] < half, where + ": " + out[i] + " does not fit " + l.bits() + " bits");
                    assertTrue(l.partialSumChannelRanges().get(i % os.channels()).contains(cr), where + ": partial sums hold the sum");
                } else {
                    assertTrue(out[i] >= 0 && out[i] >>> l.bits() == 0, where + ": level " + out[i] + " exceeds " + l.bits() + " bits");
                }
            }
            Layer layer = l.layer();
            if (layer instanceof ThresholdActivation) {
                ThresholdKeys keys = l.thresholdKeys().orElseThrow();
                for (int i = 0; i < in.length; i++) {
                    assertEquals(out[i], keys.level(i % is.channels(), in[i]), where + ": level of " + in[i]);
                }
            }
            if (layer instanceof Conv || layer instanceof Dense) {
                assertEquals(layer.macs(l.input()), l.macs());
                for (int k = 0; k < 6; k++) {
                    int o = r.nextInt(os.channels()), y = r.nextInt(os.height()), x = r.nextInt(os.width());
                    assertEquals(out[os.index(o, y, x)], l.outputFromPlanes(in, o, y, x), where + ": from planes at " + o + "," + y + "," + x);
                    checkPartialSums(l, in, o, y, x, where);
                }
            }
        }

        /** Every running sum of the terms, in column order and in the bit-serial order, lies in the partial range. */
        private static void checkPartialSums(LayerAnalysis l, int[] in, int o, int y, int x, String where) {
            int[] window = l.layer() instanceof Conv ? ReceptiveField.of((Conv) l.layer(), l.input().shape(), in, y, x) : in;
            WeightPlanes w = l.weightPlanes().orElseThrow();
            ValueRange p = l.partialSumChannelRanges().get(o);
            long bias = l.layer() instanceof Dense ? ((Dense) l.layer()).bias(o) : 0;
            long plain = bias, taps = 0;
            for (int j = 0; j < window.length; j++) {
                taps += window[j];
                assertTrue(l.inputSumRange().orElseThrow().contains(taps), where + ": input sum " + taps);
                plain += (long) w.value(o, j) * window[j];
                assertTrue(p.contains(plain), where + ": running sum " + plain + " outside " + p);
            }
            long serial = 0;
            for (int b = 0; b < l.input().bits(); b++) {
                for (int j = 0; j < window.length; j++) {
                    if ((window[j] >>> b & 1) == 0) {
                        continue;
                    }
                    if (w.planes() == 0) {
                        serial += (long) w.value(o, j) << b;
                    } else {
                        for (int q = 0; q < w.planes(); q++) {
                            serial += (long) w.planeScale(q) * (w.bit(o, q, j) ? 1 : -1) << b;
                            assertTrue(p.contains(serial), where + ": bit-serial running sum " + serial + " outside " + p);
                        }
                    }
                    assertTrue(p.contains(serial), where + ": bit-serial running sum " + serial + " outside " + p);
                }
            }
            assertTrue(p.signedBits() <= l.partialSumBits(), where + ": partial sums fit " + l.partialSumBits() + " bits");
        }
    }
}
