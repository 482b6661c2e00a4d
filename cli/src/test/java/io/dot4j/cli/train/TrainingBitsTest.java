package io.dot4j.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dot4j.cli.CliRun;
import io.dot4j.core.data.DataCache;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.core.train.Checkpoint;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact bits of two short training runs on the real MNIST (from the cache), one thread: the demo recipe
 * (quantization-aware, through train --recipe) and a float lenet300 (train --data). The SHA-256 values were recorded
 * from the code before the training run was reorganised (commit "TrainingBitsTest" on branch data); a change to how
 * a run is wired must keep them, or say in its commit why the bits moved.
 */
class TrainingBitsTest {
    @TempDir
    Path tmp;

    static final String DEMO_MODEL_SHA256 = "469585c6453bb90f1ad46af7314995ca1bd7b3cbff819a64b2a36af7c6398143";
    static final String FLOAT_WEIGHTS_SHA256 = "d9da26b7b8dd032cc5fa9e6516bfeb884e4b7ca5b9d63771a6279aa57a5460e9";

    @Test
    void theDemoRecipeGivesTheSameModelBytes() throws Exception {
        ObjectNode recipe;
        try (InputStream in = io.dot4j.cli.demo.DemoCommand.class.getResourceAsStream("demo-recipe.json")) {
            recipe = (ObjectNode) new ObjectMapper().readTree(in);
        }
        recipe.put("epochs", 1);
        recipe.putObject("dataset").put("name", "mnist").put("trainLimit", 640).put("testLimit", 200);
        Path file = tmp.resolve("demo.json");
        Files.writeString(file, recipe.toPrettyString());
        CliRun r = CliRun.of("train", "--recipe", file.toString(), "--out", tmp.resolve("q").toString(), "--threads", "1",
                "--quiet", "--cache", DataCache.root().toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(DEMO_MODEL_SHA256, sha256(Files.readAllBytes(tmp.resolve("q/model.dot4j"))));
    }

    @Test
    void aFloatRunGivesTheSameWeights() throws Exception {
        CliRun r = CliRun.of("train", "--data", "mnist", "--model", "lenet300", "--epochs", "1", "--batch", "32",
                "--limit-train", "320", "--limit-test", "100", "--schedule", "step", "--threads", "1", "--quiet",
                "--cache", DataCache.root().toString(), "--out", tmp.resolve("f").toString());
        assertEquals(0, r.exitCode(), r.err());
        Map<String, Tensor> tensors = new TreeMap<>(Checkpoint.read(tmp.resolve("f/checkpoint.ckpt")).tensors());
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (var e : tensors.entrySet()) {
            if (e.getKey().startsWith("param/")) {
                md.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                for (float v : e.getValue().data()) {
                    md.update(ByteBuffer.allocate(4).putFloat(v).array());
                }
            }
        }
        assertEquals(FLOAT_WEIGHTS_SHA256, HexFormat.of().formatHex(md.digest()));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
