package io.dot4j.cli.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.dot4j.cli.CliRun;
import io.dot4j.core.data.DataCache;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.train.Checkpoint;
import io.dot4j.core.train.Normalization;
import io.dot4j.core.zoo.ModelSpec;
import io.dot4j.core.zoo.ModelZoo;
import io.dot4j.runtime.format.ModelReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** dot4j train --recipe and dot4j export on a small slice of the real MNIST. */
class ExportCommandTest {
    @TempDir
    Path tmp;

    private static String cache() {
        Path dir = DataCache.root().resolve("mnist");
        if (!Files.isDirectory(dir)) {
            fail("MNIST is missing from the cache: " + dir + " not found. Run `dot4j data fetch mnist` or point "
                    + DataCache.VARIABLE + " at a cache.");
        }
        return DataCache.root().toString();
    }

    private Path recipe(String extra) throws Exception {
        Path f = tmp.resolve("tiny.json");
        Files.writeString(f, """
                {"dataset": {"name": "mnist", "trainLimit": 320, "testLimit": 200}, "precision": "w1a2",
                 "layers": [{"type": "conv", "out": 8, "kernel": 3, "stride": 2},
                            {"type": "maxpool", "kernel": 2},
                            {"type": "flatten"},
                            {"type": "dense", "out": 10, "bias": true}],
                 "optimizer": {"kind": "adam", "lr": 0.005}, "epochs": 2, "batch": 32, "seed": 5%s}""".formatted(extra));
        return f;
    }

    @Test
    void trainWithARecipeThenExportGivesTheSameIntegerModel() throws Exception {
        Path out = tmp.resolve("run");
        CliRun run = CliRun.of("train", "--recipe", recipe("").toString(), "--out", out.toString(), "--cache", cache(),
                "--threads", "2", "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("epoch 2: loss"), run.out());
        Matcher m = Pattern.compile("final test accuracy: ([0-9.]+)% fake-quantized float, ([0-9.]+)% integer model").matcher(run.out());
        assertTrue(m.find(), run.out());
        assertTrue(Double.parseDouble(m.group(2)) > 30, "far above chance: " + m.group(2));
        assertEquals(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), 1.01, "float and integer agree");
        Path exported = tmp.resolve("sub/exported.dot4j");
        CliRun ex = CliRun.of("export", out.resolve("checkpoint.ckpt").toString(), "--out", exported.toString());
        assertEquals(0, ex.exitCode(), ex.err());
        assertTrue(ex.out().contains("ThresholdActivation") && ex.out().contains("bytes"), ex.out());
        byte[] a = Files.readAllBytes(out.resolve("model.dot4j"));
        assertArrayEquals(a, Files.readAllBytes(exported), "export rebuilds the trained integer model bit for bit");
        assertEquals(10, ModelReader.read(exported).numClasses());
        for (String f : new String[] {"log.jsonl", "loss.png", "accuracy.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, "recipe runs write what plain train writes: " + f);
        }
        // --resume alone takes the recipe from the checkpoint; a finished run just lowers and evaluates again
        Path again = tmp.resolve("again");
        Files.createDirectories(again);
        Files.copy(out.resolve("checkpoint.ckpt"), again.resolve("checkpoint.ckpt"));
        Files.copy(out.resolve("log.jsonl"), again.resolve("log.jsonl"));
        CliRun resumed = CliRun.of("train", "--resume", again.resolve("checkpoint.ckpt").toString(), "--out", again.toString(),
                "--cache", cache(), "--threads", "2", "--quiet");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("resumed from") && resumed.out().contains("epoch 2 of 2"), resumed.out());
        assertArrayEquals(a, Files.readAllBytes(again.resolve("model.dot4j")));
        CliRun refused = CliRun.of("train", "--resume", again.resolve("checkpoint.ckpt").toString(), "--lr", "0.1", "--out",
                again.toString(), "--cache", cache());
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.err().contains("--lr: not allowed when resuming a recipe run"), refused.err());
    }

    @Test
    void recipeErrorsAreOneLineNamingTheKey() throws Exception {
        CliRun run = CliRun.of("train", "--recipe", recipe(", \"epochs\": 0").toString(), "--out",
                tmp.resolve("x").toString(), "--cache", cache());
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("Duplicate field 'epochs'"), run.err());
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"dataset\": \"mnist\", \"network\": \"lenet5\", \"precision\": {\"bits\": 12}}");
        run = CliRun.of("train", "--recipe", bad.toString(), "--out", tmp.resolve("x").toString(), "--cache", cache());
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("bad.json: precision.bits: expected 1..8, got 12"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        run = CliRun.of("train", "--recipe", bad.toString(), "--lr", "0.1", "--out", tmp.resolve("x").toString());
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("--lr: not allowed with --recipe"), run.err());
    }

    @Test
    void exportRefusesAFloatCheckpoint() throws Exception {
        Path ck = tmp.resolve("float.ckpt");
        Checkpoint.saveModel(ck, ModelZoo.create(ModelSpec.of("lenet300"), new Rng(1)), ModelSpec.of("lenet300"), Normalization.UNIT);
        CliRun ex = CliRun.of("export", ck.toString(), "--out", tmp.resolve("m.dot4j").toString());
        assertNotEquals(0, ex.exitCode());
        assertTrue(ex.err().contains(ck + " is a float checkpoint (from dot4j train --model); export reads quantized checkpoints"), ex.err());
        assertTrue(ex.err().contains("`dot4j export-onnx " + ck + " --out model.onnx`"), ex.err());
        assertFalse(Files.exists(tmp.resolve("m.dot4j")));
        CliRun missing = CliRun.of("export", tmp.resolve("nope.ckpt").toString(), "--out", tmp.resolve("m.dot4j").toString());
        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.err().contains("no such checkpoint file"), missing.err());
    }
}
