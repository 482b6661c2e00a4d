package io.dot4j.codegen.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.TinyModels;
import io.dot4j.runtime.analysis.ModelAnalysis;
import io.dot4j.runtime.ir.IntModel;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The RAM plan: line buffers of a few rows (the analysis' rows), packed at the levels' bits, all printed. */
class StreamPlanTest {

    private static byte[][] calibration() {
        Random r = new Random(3);
        byte[][] images = new byte[8][784];
        for (byte[] i : images) {
            r.nextBytes(i);
        }
        return images;
    }

    @Test
    void tinyModelHoldsRowsNotFeatureMaps() {
        IntModel m = TinyModels.b(5, 1, calibration());
        StreamPlan plan = StreamPlan.of(m);
        ModelAnalysis a = ModelAnalysis.of(m);
        for (Stage s : plan.stages()) {
            if (s instanceof Stage.Mac mac && !mac.dense() && mac.in().kind() == PixelFormat.Kind.PLANES) {
                int conv = mac.layer() - 1;
                assertEquals(a.streaming().layers().get(conv).rows(), mac.ringRows(), "line buffer rows of layer " + conv);
                // bit-planes: the bits of every channel of one row, rounded to the plane word
                long bytes = mac.buffers().get(0).bytes();
                assertEquals((long) mac.ringRows() * mac.inShape().width() * mac.in().bits()
                        * mac.in().wordsPerPlane() * mac.in().wordBits() / 8, bytes);
                assertTrue(bytes < m.outputTypes().get(conv - 1).storageBytes(), "less than the whole input tensor");
            }
        }
        String text = plan.describe();
        for (Stage.Buffer b : plan.buffers()) {
            assertTrue(text.contains(b.name()), b.name() + " missing from the plan");
        }
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "%,7d bytes (static", plan.staticBytes())), text);
        assertTrue(plan.staticBytes() < m.peakActivationBytes() / 10, plan.staticBytes() + " bytes");
    }

    @Test
    void everyRandomModelPlans() {
        for (long seed = 1; seed <= 200; seed++) {
            IntModel m = RandomModels.generate(seed);
            StreamPlan plan = StreamPlan.of(m);
            Stage last = plan.stages().get(plan.stages().size() - 1);
            assertTrue(last instanceof Stage.Mac mac && mac.dense() && mac.out() == null, "seed " + seed + " ends in the scores");
            assertEquals(plan.buffers().stream().mapToLong(Stage.Buffer::bytes).sum(), plan.staticBytes());
        }
    }
}
