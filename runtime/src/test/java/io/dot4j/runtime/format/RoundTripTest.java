package io.dot4j.runtime.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.ir.IntModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Property(tries = 300, seed = "78")
    void sizeBreakdownAddsUpToTheFileAndItsRecords(@ForAll long seed) {
        IntModel model = RandomModels.generate(seed);
        byte[] bytes = ModelWriter.toBytes(model);
        ModelSize size = ModelSize.of(model);
        assertEquals(bytes.length, size.total());
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (LayerSize layer : size.layers()) {
            int start = FormatTestSupport.layerOffset(bytes, layer.index());
            assertEquals(5 + b.getInt(start + 1), layer.recordBytes(), "record of layer " + layer.index());
            assertEquals(model.layers().get(layer.index()).weightBytes(), layer.weightBytes());
        }
        assertEquals(model.parameterBytes(), size.weightBytes() + size.thresholdBytes());
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
