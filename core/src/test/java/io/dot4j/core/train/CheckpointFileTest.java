package io.dot4j.core.train;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.optim.LrSchedule;
import io.dot4j.core.optim.SGD;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.core.zoo.ModelSpec;
import io.dot4j.core.zoo.ModelZoo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointFileTest {
    @TempDir
    Path tmp;

    private Path sample() throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("param/a", Tensor.of(new float[] {1f, -2.5f, Float.MIN_VALUE, -0f, 3e38f, 7f}, 2, 3));
        t.put("buffer/s", Tensor.scalar(0.125f));
        t.put("empty", Tensor.zeros(0, 4));
        ObjectNode meta = JsonNodeFactory.instance.objectNode().put("note", "x");
        Path f = tmp.resolve("s.ckpt");
        CheckpointFile.write(f, meta, t);
        return f;
    }

    @Test
    void roundTripKeepsNamesShapesOrderAndBits() throws IOException {
        Path f = sample();
        CheckpointFile.Contents c = CheckpointFile.read(f);
        assertEquals(List.of("param/a", "buffer/s", "empty"), List.copyOf(c.tensors().keySet()));
        assertArrayEquals(new int[] {2, 3}, c.tensors().get("param/a").shape());
        assertTrue(c.tensors().get("param/a").bitEquals(Tensor.of(new float[] {1f, -2.5f, Float.MIN_VALUE, -0f, 3e38f, 7f}, 2, 3)));
        assertArrayEquals(new int[] {}, c.tensors().get("buffer/s").shape());
        assertArrayEquals(new int[] {0, 4}, c.tensors().get("empty").shape());
        assertEquals("x", c.meta().get("note").asText());
        // the layout: magic, version 1, header length, header, 7 floats, CRC
        byte[] b = Files.readAllBytes(f);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("DOT4JCKP", new String(b, 0, 8, StandardCharsets.US_ASCII));
        assertEquals(1, buf.getInt(8));
        int h = buf.getInt(12);
        assertEquals(16 + h + 7 * 4 + 4, b.length);
        assertEquals(1f, buf.getFloat(16 + h));
    }

    @Test
    void modelRoundTripThroughCheckpointSaveModel() throws IOException {
        Sequential a = ModelZoo.create("lenet5", new Rng(1));
        Path f = tmp.resolve("m.ckpt");
        Checkpoint.saveModel(f, a, ModelSpec.of("lenet5"), Normalization.MNIST);
        Checkpoint c = Checkpoint.read(f);
        assertEquals(ModelSpec.of("lenet5"), c.modelSpec());
        assertEquals(Normalization.MNIST, c.normalization());
        Sequential b = ModelZoo.create(c.modelSpec(), new Rng(2));
        c.loadModel(b);
        a.namedParameters().forEach((k, v) -> assertTrue(v.data().bitEquals(b.namedParameters().get(k).data()), k));
        assertEquals(431_080, c.parameterCount());
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> c.loadModel(ModelZoo.create("lenet300", new Rng(1))));
        assertTrue(e.getMessage().contains("param/conv1.W has no counterpart in the model"), e.getMessage());
        Trainer t = new Trainer(b, new SGD(b, LrSchedule.constant(1)),
                BatchIterator.sequential(TrainData.quadrants(4, 28, 1), 2, Normalization.UNIT), 1);
        CheckpointFormatException r = assertThrows(CheckpointFormatException.class, () -> c.restore(t));
        assertTrue(r.getMessage().contains("a model-only file cannot resume"), r.getMessage());
    }

    private CheckpointFormatException corrupt(java.util.function.Consumer<byte[]> change) throws IOException {
        Path f = sample();
        byte[] b = Files.readAllBytes(f);
        change.accept(b);
        Files.write(f, b);
        return assertThrows(CheckpointFormatException.class, () -> CheckpointFile.read(f));
    }

    @Test
    void aFlippedPayloadBitFailsTheCrcNamingFileAndOffset() throws IOException {
        CheckpointFormatException e = corrupt(b -> b[b.length - 10] ^= 0x10);
        assertTrue(e.getMessage().startsWith(tmp.resolve("s.ckpt") + ": at byte offset "), e.getMessage());
        assertTrue(e.getMessage().contains("CRC-32 mismatch"), e.getMessage());
        Path f = tmp.resolve("s.ckpt");
        assertEquals(Files.size(f) - 4, e.offset());
    }

    @Test
    void structuralDamageIsNamedPrecisely() throws IOException {
        CheckpointFormatException e = corrupt(b -> b[0] = 'X');
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("expected magic"), e.getMessage());
        e = corrupt(b -> b[8] = 9);
        assertEquals(8, e.offset());
        assertTrue(e.getMessage().contains("unsupported version 9"), e.getMessage());
        e = corrupt(b -> ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(12, Integer.MAX_VALUE));
        assertEquals(12, e.offset());
        assertTrue(e.getMessage().contains("header length 2147483647 is out of range"), e.getMessage());
        e = corrupt(b -> b[16] = '[');
        assertTrue(e.getMessage().contains("JSON header"), e.getMessage());
        // a shape that claims more data than the file holds: rejected before any allocation
        e = corrupt(b -> {
            String s = new String(b, StandardCharsets.ISO_8859_1).replace("[2,3]", "[9,3]");
            System.arraycopy(s.getBytes(StandardCharsets.ISO_8859_1), 0, b, 0, b.length);
        });
        assertTrue(e.getMessage().contains("tensor param/a of shape [9, 3] needs 108 bytes"), e.getMessage());
    }

    @Test
    void truncatedAndEmptyFilesAreRejected() throws IOException {
        Path f = sample();
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 9));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> CheckpointFile.read(f));
        assertTrue(e.getMessage().contains("file truncated?"), e.getMessage());
        Files.write(f, new byte[5]);
        e = assertThrows(CheckpointFormatException.class, () -> CheckpointFile.read(f));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
    }

    @Test
    void writingIsAtomicAndLeavesNoTemporaryFiles() throws IOException {
        Path f = sample();
        long before = Files.size(f);
        CheckpointFile.write(f, JsonNodeFactory.instance.objectNode(), Map.of("x", Tensor.zeros(1000)));
        assertTrue(Files.size(f) > before);
        try (var s = Files.list(tmp)) {
            assertEquals(List.of(f), s.toList());
        }
    }
}
