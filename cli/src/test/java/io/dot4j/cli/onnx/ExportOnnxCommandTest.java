package io.dot4j.cli.onnx;

import io.dot4j.cli.CliRun;
import io.dot4j.core.nn.Linear;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.train.Checkpoint;
import io.dot4j.core.train.Normalization;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportOnnxCommandTest {
    @TempDir
    Path tmp;

    private static byte[] littleEndian(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void exportsTheCheckpointsWeights() throws IOException {
        ModelSpec spec = ModelSpec.of("lenet300");
        Sequential net = ModelZoo.create(spec, new Rng(31));
        Path ckpt = tmp.resolve("model.ckpt");
        Checkpoint.saveModel(ckpt, net, spec, Normalization.MNIST);
        Path out = tmp.resolve("model.onnx");

        CliRun r = CliRun.of("export-onnx", ckpt.toString(), "--out", out.toString(), "--softmax");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("266,610 parameters"), r.out());
        assertTrue(r.out().contains("probabilities"), r.out());
        byte[] onnx = Files.readAllBytes(out);
        // the checkpoint's weights (seed 31), not the freshly built network's, are in the file
        byte[] fc3 = littleEndian(((Linear) net.child("fc3")).weight().data().data());
        assertTrue(indexOf(onnx, fc3) >= 0, "fc3.W of the checkpoint is not in the file");
        byte[] fresh = littleEndian(((Linear) ModelZoo.create(spec, new Rng(0)).child("fc3")).weight().data().data());
        assertEquals(-1, indexOf(onnx, fresh));
        String text = new String(onnx, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("dot4j.normalization") && text.contains("0.1307"), "normalization metadata missing");
    }

    @Test
    void aCorruptCheckpointIsAOneLineErrorAndWritesNothing() throws IOException {
        Path ckpt = tmp.resolve("bad.ckpt");
        Files.write(ckpt, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        Path out = tmp.resolve("x.onnx");

        CliRun r = CliRun.of("export-onnx", ckpt.toString(), "--out", out.toString());

        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("dot4j: ") && r.err().contains("bad.ckpt"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void outIsRequired() {
        CliRun r = CliRun.of("export-onnx", "whatever.ckpt");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--out"), r.err());
    }
}
