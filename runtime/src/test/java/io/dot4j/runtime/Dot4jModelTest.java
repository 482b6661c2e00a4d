package io.dot4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dot4j.runtime.format.ModelWriter;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Dot4jModelTest {

    @Test
    void loadsAndPredictsLikeTheReference(@TempDir Path dir) throws Exception {
        for (long seed = 0; seed < 30; seed++) {
            IntModel model = RandomModels.generate(seed);
            Path file = dir.resolve("m" + seed + ".dot4j");
            ModelWriter.write(model, file);
            ReferenceInterpreter ref = new ReferenceInterpreter(model);
            byte[][] images = RandomModels.images(model, seed, 40);
            try (Dot4jModel m = Dot4jModel.load(file)) {
                assertEquals(model, m.model());
                Prediction[] batch = m.predictBatch(images);
                for (int i = 0; i < images.length; i++) {
                    int[] scores = ref.scores(images[i]);
                    Prediction p = m.predict(images[i]);
                    assertArrayEquals(scores, p.scores());
                    assertEquals(IntModel.argmax(scores), p.label());
                    assertEquals(p, batch[i]);
                    List<int[]> trace = m.trace(images[i]), expected = ref.run(images[i]);
                    for (int l = 0; l < expected.size(); l++) {
                        assertArrayEquals(expected.get(l), trace.get(l));
                    }
                }
            }
        }
    }

    @Test
    void predictsImagesThroughTheDocumentedConversion() {
        IntModel model = null;
        for (long seed = 0; model == null; seed++) {
            IntModel m = RandomModels.generate(seed);
            if (m.input().channels() == 1) {
                model = m;
            }
        }
        Shape in = model.input();
        byte[] pixels = RandomModels.images(model, 9, 3)[2];
        BufferedImage img = new BufferedImage(in.width(), in.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < in.height(); y++) {
            for (int x = 0; x < in.width(); x++) {
                int v = pixels[y * in.width() + x] & 255;
                img.setRGB(x, y, v << 16 | v << 8 | v); // grey in RGB: round(0.299v + 0.587v + 0.114v) = v
            }
        }
        try (Dot4jModel m = Dot4jModel.of(model)) {
            assertEquals(m.predict(pixels), m.predict(img));
            assertThrows(IllegalArgumentException.class, () -> m.predict(new byte[in.elements() + 1]));
        }
    }

    @Test
    void predictionTakesTheLowestIndexOnTiesAndCopiesScores() {
        int[] scores = {3, 9, 9, -1};
        Prediction p = Prediction.of(scores);
        assertEquals(1, p.label());
        scores[1] = 0;
        assertEquals(9, p.scores()[1]);
        assertThrows(IllegalArgumentException.class, () -> new Prediction(4, new int[] {1, 2}));
    }

    @Test
    void describesWhatRunsWithTheKernelAndTheCpu() {
        IntModel model = RandomBitConvModels.generate(3);
        try (Dot4jModel m = Dot4jModel.of(model)) {
            String d = m.describe();
            String[] lines = d.split("\n");
            String kernel = io.dot4j.runtime.kernels.BitConvKernels.select().name();
            org.junit.jupiter.api.Assertions.assertTrue(lines[0].startsWith("kernel " + kernel + " "), d);
            org.junit.jupiter.api.Assertions.assertTrue(lines[0].endsWith(" on " + io.dot4j.runtime.kernels.CpuInfo.read()
                    .summary()), d);
            assertEquals(m.plan().size() + 1, lines.length, d);
            for (int i = 0; i < m.plan().size(); i++) {
                assertEquals("  " + m.plan().get(i).line(), lines[i + 1]);
            }
        }
    }
}
