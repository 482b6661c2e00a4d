package io.dot4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.core.zoo.ModelSpec;
import io.dot4j.core.zoo.ModelZoo;
import io.dot4j.runtime.io.InputFileException;
import io.dot4j.runtime.limits.LimitExceededException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints whose header lies about the model: each is refused, naming the file, before anything is built. */
class CheckpointHostileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A model-only checkpoint whose header claims {@code args} but which stores {@code tensors}. */
    static Path claiming(Path file, String name, String argsJson, Map<String, Tensor> tensors) throws Exception {
        ObjectNode meta = JSON.createObjectNode();
        ObjectNode model = meta.putObject("model");
        model.put("name", name);
        model.set("args", JSON.readTree(argsJson));
        ObjectNode norm = meta.putObject("normalization");
        norm.put("mean", 0.0);
        norm.put("std", 1.0);
        CheckpointFile.write(file, meta, tensors);
        return file;
    }

    @Test
    void aFloatCheckpointClaimingAHugeInputIsRefusedBeforeBuilding(@TempDir Path dir) throws Exception {
        Path f = claiming(dir.resolve("huge.ckpt"), "lenet300", "{\"height\": 2600, \"width\": 2600}", Map.of());
        Checkpoint ck = Checkpoint.read(f);
        LimitExceededException e = assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> assertThrows(LimitExceededException.class, ck::zooModel));
        assertEquals(f + ": meta.model.args: the network needs 2,028,031,410 parameters, more than the limit of 268,435,456"
                + " (raise it with -Ddot4j.limit.params=N)", e.getMessage());
    }

    @Test
    void storedTensorsAreCheckedAgainstTheDeclaredShapesBeforeBuilding(@TempDir Path dir) throws Exception {
        Sequential real = ModelZoo.create("lenet300", new Rng(1));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        real.namedParameters().forEach((n, v) -> tensors.put("param/" + n, v.data()));
        // the header says 10x10 inputs, the tensors are those of 28x28: refused by shape, without building anything
        Path f = claiming(dir.resolve("edited.ckpt"), "lenet300", "{\"height\": 10, \"width\": 10}", tensors);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.read(f).zooModel());
        assertEquals(f + ": at byte offset 16: tensor param/fc1.W has shape [300, 784] but the model declared in the header"
                + " needs [300, 100]", e.getMessage());
        Path ok = claiming(dir.resolve("ok.ckpt"), "lenet300", "{}", tensors);
        Sequential rebuilt = Checkpoint.read(ok).zooModel();
        assertEquals(real.namedParameters().get("fc3.W").data().get(3, 7), rebuilt.namedParameters().get("fc3.W").data().get(3, 7));
    }

    @Test
    void nonIntegralNumbersAreRefusedNotTruncated(@TempDir Path dir) throws Exception {
        Path f = claiming(dir.resolve("frac.ckpt"), "lenet300", "{\"height\": 300.75}", Map.of());
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.read(f).modelSpec());
        assertEquals(f + ": at byte offset 16: meta.model.args.height: expected a whole number that fits an int, actual 300.75",
                e.getMessage());
        Path g = dir.resolve("dim.ckpt");
        Files.write(g, container("{\"format\":\"dot4j-checkpoint\",\"tensors\":[{\"name\":\"param/x\",\"shape\":[300.75]}],"
                + "\"meta\":{}}", 300 * 4));
        e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.read(g));
        assertTrue(e.getMessage().startsWith(g + ": at byte offset 16: tensor param/x: dimension 0 must be an int >= 0, actual"
                + " 300.75"), e.getMessage());
    }

    @Test
    void invalidUtf8InTheHeaderIsAnErrorAtItsOffset(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("utf.ckpt");
        byte[] bytes = container("{\"format\":\"dot4j-checkpoint\",\"tensors\":[],\"meta\":{\"x\":\"\u00e9\"}}", 0);
        int at = indexOf(bytes, (byte) 0xc3);
        bytes[at] = (byte) 0xff; // no UTF-8 sequence starts with 0xff
        fixCrc(bytes);
        Files.write(f, bytes);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.read(f));
        // the parser reports the position just past the byte it could not decode
        assertTrue(e.getMessage().startsWith(f + ": at byte offset " + (at + 1) + ": the JSON header is malformed: Invalid UTF-8"),
                e.getMessage());
    }

    @Test
    void aHeaderThatLooksLikeUtf32IsAFormatErrorNamingTheFile(@TempDir Path dir) throws Exception {
        // found by Jazzer (fuzz/.../checkpoint/crash-utf32-header): zero bytes after '{' make the JSON parser read
        // UTF-32, whose CharConversionException used to escape without the file's name
        byte[] bytes = container("{\u0000\u0000\u0000\u0000\u0000\u0000\u000e::\"dot4j-checkpoint\"}", 0);
        Path f = Files.write(dir.resolve("utf32.ckpt"), bytes);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.read(f));
        assertTrue(e.getMessage().startsWith(f + ": at byte offset 16: the JSON header is not UTF-8 text: Invalid UTF-32"),
                e.getMessage());
    }

    @Test
    void foldersAndFifosAreRefusedBeforeReading(@TempDir Path dir) throws Exception {
        InputFileException e = assertThrows(InputFileException.class, () -> Checkpoint.read(dir));
        assertEquals(dir + ": is a directory, expected a file", e.getMessage());
        Path fifo = dir.resolve("fifo.ckpt");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(InputFileException.class, () -> Checkpoint.read(fifo)));
    }

    @Test
    void theTeacherOrInitSpecOfARealCheckpointStillRebuilds(@TempDir Path dir) throws Exception {
        Sequential net = ModelZoo.create(new ModelSpec("lenet5", Map.of("classes", 4)), new Rng(3));
        Path f = dir.resolve("lenet5.ckpt");
        Checkpoint.saveModel(f, net, new ModelSpec("lenet5", Map.of("classes", 4)), Normalization.MNIST);
        Sequential back = Checkpoint.read(f).zooModel();
        assertEquals(net.namedParameters().get("conv1.W").data().get(0, 0, 1, 2),
                back.namedParameters().get("conv1.W").data().get(0, 0, 1, 2));
    }

    /** A checkpoint container around {@code header} and {@code payload} zero bytes, with a valid CRC. */
    static byte[] container(String header, int payload) {
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(16 + h.length + payload + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(CheckpointFile.MAGIC).putInt(CheckpointFile.VERSION).putInt(h.length).put(h);
        byte[] all = b.array();
        fixCrc(all);
        return all;
    }

    static void fixCrc(byte[] all) {
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 4);
        ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putInt(all.length - 4, (int) crc.getValue());
    }

    private static int indexOf(byte[] a, byte v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        throw new AssertionError("no byte " + v);
    }
}
