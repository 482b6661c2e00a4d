package io.dot4j.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import io.dot4j.runtime.RealImages;
import io.dot4j.runtime.TinyModels;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tiny deployed models (TinyModels A, B, C) on real MNIST digits: every layer equals the reference. */
class TinyModelsMatchReferenceTest {

    @Test
    void tinyModelsAreBitExactOnMnistDigits() {
        byte[][] digits = RealImages.mnistTest(40);
        byte[][] calib = Arrays.copyOf(digits, 16);
        IntModel[] models = {TinyModels.a(1, 1, calib), TinyModels.a(2, 8, calib), TinyModels.b(3, 1, calib),
            TinyModels.c(4, 1, calib)};
        for (IntModel model : models) {
            ReferenceInterpreter ref = new ReferenceInterpreter(model);
            try (IntEngine engine = new IntEngine(model)) {
                assertTrue(engine.isPlanar());
                for (int d = 0; d < digits.length; d++) {
                    List<int[]> expected = ref.run(digits[d]), actual = engine.trace(digits[d]);
                    assertEquals(expected.size(), actual.size());
                    for (int i = 0; i < expected.size(); i++) {
                        assertArrayEquals(expected.get(i), actual.get(i), "digit " + d + ", layer " + i + " ("
                                + model.layers().get(i).kind() + ")");
                    }
                }
                int[][] batch = engine.scoresBatch(digits, 2);
                for (int d = 0; d < digits.length; d++) {
                    assertArrayEquals(ref.scores(digits[d]), batch[d]);
                }
            }
        }
    }

    @Test
    void scoringAnImageAllocatesOnlyItsScores() {
        byte[][] digits = RealImages.mnistTest(64);
        IntModel model = TinyModels.a(1, 1, Arrays.copyOf(digits, 16));
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (IntEngine engine = new IntEngine(model)) {
            for (int i = 0; i < 2_000; i++) { // warm up: the per-thread buffers are made on first use
                engine.scores(digits[i & 63]);
            }
            long id = Thread.currentThread().getId(), before = mx.getThreadAllocatedBytes(id);
            int images = 2_000;
            for (int i = 0; i < images; i++) {
                engine.scores(digits[i & 63]);
            }
            long perImage = (mx.getThreadAllocatedBytes(id) - before) / images;
            // the 10 scores are a new int[10] (56 bytes); nothing else should be allocated per image
            assertTrue(perImage <= 128, "allocated " + perImage + " bytes per image");
        }
    }
}
