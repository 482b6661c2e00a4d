package io.dot4j.runtime.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.Flatten;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.ThresholdActivation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTest {

    @Property(tries = 300, seed = "77")
    void bytesReadBackToTheSameModelAndRewriteIdentically(@ForAll long seed) throws IOException {
        IntModel model = RandomModels.generate(seed);
        byte[] bytes = ModelWriter.toBytes(model);
        IntModel back = ModelReader.read(bytes);
        assertEquals(model, back);
        assertArrayEquals(bytes, ModelWriter.toBytes(back));
    }

    @Property(tries = 200, seed = "79")
    void version3FilesStillReadAndDifferOnlyInTheirSignBytes(@ForAll long seed) throws IOException {
        IntModel model = RandomModels.generate(seed);
        byte[] v3 = ModelWriter.toBytes(model, 3);
        assertEquals(3, v3[8]);
        assertEquals(model, ModelReader.read(v3));
        assertEquals(v3.length, ModelSize.of(model, 3).total());
        long signBytesSaved = 0;
        for (var l : model.layers()) {
            if (l instanceof ThresholdActivation t) {
                signBytesSaved += t.channels() - (t.channels() + 7) / 8;
            }
        }
        // the saving is exactly the sign bytes, give or take the shorter body-length varints of version 4
        long saved = v3.length - ModelWriter.toBytes(model).length;
        org.junit.jupiter.api.Assertions.assertTrue(saved >= signBytesSaved && saved <= signBytesSaved + 4L * model.layers().size(),
                "saved " + saved + ", sign bytes " + signBytesSaved);
    }

    @Property(tries = 300, seed = "78")
    void sizeBreakdownAddsUpToTheFileAndItsRecords(@ForAll long seed) {
        IntModel model = RandomModels.generate(seed);
        byte[] bytes = ModelWriter.toBytes(model);
        ModelSize size = ModelSize.of(model);
        assertEquals(bytes.length, size.total());
        assertEquals(FormatTestSupport.layerOffset(bytes, 0), size.headerBytes());
        for (LayerSize layer : size.layers()) {
            int start = FormatTestSupport.layerOffset(bytes, layer.index());
            int end = FormatTestSupport.bodyOffset(bytes, layer.index()) + FormatTestSupport.bodyLength(bytes, layer.index());
            assertEquals(end - start, layer.recordBytes(), "record of layer " + layer.index());
            assertEquals(model.layers().get(layer.index()).weightBytes(), layer.weightBytes());
        }
        assertEquals(model.parameterBytes(), size.weightBytes() + size.thresholdBytes());
    }

    /** conv(1-bit) -> thresholds -> flatten -> dense(8-bit) with the given class biases (empty = none). */
    static IntModel withBias(int classes, int[] bias) {
        java.util.Random r = new java.util.Random(5);
        Conv conv = new Conv(2, 1, 3, 3, 1, 0, 8, RandomModels.randomWeights(r, 1, 2, 9));
        ThresholdActivation act = new ThresholdActivation(2, 1, new int[] {-20, 40}, new boolean[] {false, true});
        Dense dense = new Dense(classes, 2 * 2 * 2, 1, RandomModels.randomWeights(r, 8, classes, 8), bias);
        return new IntModel(new Shape(1, 4, 4), List.of(conv, act, new Flatten(), dense), classes);
    }

    @Test
    void biasesAreStoredAtTheNarrowestWidthAndRewriteIdentically() throws IOException {
        int[][] biases = {
            {5, -6, 127, -128}, // i8 limits
            {128, -6, 7, 0}, {-129, 0, 1, 2}, {32767, -32768, 1, 1}, // i16
            {32768, 0, 0, 0}, {0, -32769, 0, 0}, {Integer.MAX_VALUE - 8 * 128, -5, 3, 3}, // i32
        };
        int[] expectedWidth = {1, 2, 2, 2, 4, 4, 4};
        for (int k = 0; k < biases.length; k++) {
            IntModel model = withBias(4, biases[k]);
            byte[] bytes = ModelWriter.toBytes(model);
            int dense = FormatTestSupport.layerOffset(bytes, 3);
            assertEquals(2, bytes[dense], "layer 3 is the Dense record");
            assertEquals(expectedWidth[k], bytes[FormatTestSupport.bodyOffset(bytes, 3) + 4], "biasWidth for " + Arrays.toString(biases[k]));
            int bodyLength = FormatTestSupport.bodyLength(bytes, 3);
            assertEquals(5 + 4 * 8 + expectedWidth[k] * 4, bodyLength, "fields + 4 x 8 i8 weights + 4 biases");
            IntModel back = ModelReader.read(bytes);
            assertEquals(model, back);
            assertArrayEquals(biases[k], ((Dense) back.layers().get(3)).bias());
            assertArrayEquals(bytes, ModelWriter.toBytes(back));
            assertEquals(bytes.length, ModelSize.of(model).total());
            assertEquals(1 + 1 + bodyLength, ModelSize.of(model).layers().get(3).recordBytes(), "kind, 1-byte length, body");
        }
        // no bias at all: width 0 and no bias bytes
        IntModel none = withBias(3, new int[0]);
        byte[] bytes = ModelWriter.toBytes(none);
        int dense = FormatTestSupport.layerOffset(bytes, 3);
        assertEquals(0, bytes[FormatTestSupport.bodyOffset(bytes, 3) + 4]);
        assertEquals(5 + 3 * 8, FormatTestSupport.bodyLength(bytes, 3));
        assertEquals(none, ModelReader.read(bytes));
        assertEquals(bytes.length, ModelSize.of(none).total());
    }

    @Test
    void writesAtomicallyThroughATempFileAndReadsThePath(@TempDir Path dir) throws IOException {
        IntModel first = RandomModels.generate(1), second = RandomModels.generate(2);
        Path file = dir.resolve("model.dot4j");
        ModelWriter.write(first, file);
        assertEquals(first, ModelReader.read(file));
        ModelWriter.write(second, file); // replaces the old file
        assertEquals(second, ModelReader.read(file));
        assertArrayEquals(ModelWriter.toBytes(second), Files.readAllBytes(file));
        if (Files.getFileStore(file).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files are left behind");
        }
    }
}
