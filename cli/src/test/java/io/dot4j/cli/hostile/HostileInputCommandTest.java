package io.dot4j.cli.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.cli.CliRun;
import io.dot4j.runtime.format.ModelWriter;
import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.Flatten;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.ir.Weights;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every class of hostile input of issue 18, given to the real command: one line naming the file, exit code 2, no
 * stack trace, no hang (each run has a 10 s guard; they take milliseconds).
 */
class HostileInputCommandTest {

    /** Runs dot4j in-process and asserts a one-line error that starts with {@code prefix} and contains {@code part}. */
    static CliRun refused(String prefix, String part, String... args) {
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> CliRun.of(args));
        assertEquals(2, run.exitCode(), run.err());
        String err = run.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("dot4j: " + prefix), err);
        assertTrue(err.contains(part), err);
        assertTrue(!err.endsWith(": null"), err);
        return run;
    }

    @Test
    void inspectRefusesFifosAndFoldersWithoutHanging(@TempDir Path dir) throws Exception {
        Path fifo = HostileFiles.fifo(dir, "model.dot4j");
        refused(fifo + ": is not a regular file", "regular files", "inspect", fifo.toString());
        refused(dir + ": is a directory", "expected a file", "inspect", dir.toString());
        refused(dir + ": is a directory", "expected a file", "eval", dir.toString());
        refused(dir + ": is a directory", "expected a file", "export", dir.toString(), "--out", dir.resolve("m.dot4j").toString());
        refused(dir.resolve("none.ckpt") + ": no such checkpoint file", "", "export", dir.resolve("none.ckpt").toString(), "--out",
                dir.resolve("m.dot4j").toString());
    }

    @Test
    void aFloatCheckpointClaimingAHugeInputIsRefusedBeforeBuilding(@TempDir Path dir) throws Exception {
        Path f = HostileFiles.floatClaiming(dir, "huge.ckpt", "{\"height\": 2600, \"width\": 2600}");
        refused(f + ": meta.model.args: the network needs 2,028,031,410 parameters, more than the limit of 268,435,456",
                "-Ddot4j.limit.params", "eval", f.toString(), "--data", "mnist");
        refused(f + ": meta.model.args: the network needs 2,028,031,410 parameters", "limit",
                "export-onnx", f.toString(), "--out", dir.resolve("m.onnx").toString());
        Path frac = HostileFiles.floatClaiming(dir, "frac.ckpt", "{\"height\": 300.75}");
        refused(frac + ": at byte offset 16: meta.model.args.height: expected a whole number", "300.75",
                "eval", frac.toString(), "--data", "mnist");
    }

    @Test
    void exportRefusesARecipeCheckpointThatLiesAboutItsNetwork(@TempDir Path dir) throws Exception {
        Path huge = HostileFiles.recipeClaiming(dir, "huge.ckpt", HostileFiles.HUGE_RECIPE);
        Path out = dir.resolve("m.dot4j");
        refused("huge.ckpt (recipe): layers[0] (the largest part): the network needs 2,131,197,962 parameters", "limit",
                "export", huge.toString(), "--out", out.toString());
        Path edited = HostileFiles.recipeClaiming(dir, "edited.ckpt", HostileFiles.SMALL_RECIPE.replace("\"out\": 4", "\"out\": 300"));
        refused(edited + ": at byte offset 16: tensor param/conv1.W has shape [4, 1, 3, 3]", "needs [300, 1, 3, 3]",
                "export", edited.toString(), "--out", out.toString());
        assertTrue(!Files.exists(out));
    }

    @Test
    void trainRefusesHugeRecipesNulPathsAndInvalidUtf8(@TempDir Path dir) throws Exception {
        Path huge = Files.writeString(dir.resolve("huge.json"), HostileFiles.HUGE_RECIPE);
        refused("huge.json: layers[0] (the largest part): the network needs 2,131,197,962 parameters", "limit",
                "train", "--recipe", huge.toString(), "--out", dir.resolve("run").toString());
        Path nul = Files.writeString(dir.resolve("nul.json"),
                HostileFiles.SMALL_RECIPE.replace("\"epochs\": 1", "\"epochs\": 1, \"init\": \"a\\u0000.ckpt\""));
        refused("nul.json: init: not a usable file name: Nul character not allowed", "",
                "train", "--recipe", nul.toString(), "--out", dir.resolve("run").toString());
        byte[] bytes = HostileFiles.SMALL_RECIPE.getBytes(StandardCharsets.UTF_8);
        bytes[HostileFiles.SMALL_RECIPE.indexOf("conv") + 1] = (byte) 0xc0; // an overlong encoding's first byte
        Path utf = Files.write(dir.resolve("utf.json"), bytes);
        refused("utf.json: line 1, column ", "at layers[0].type: invalid JSON: Invalid UTF-8",
                "train", "--recipe", utf.toString(), "--out", dir.resolve("run").toString());
    }

    @Test
    void sweepRefusesABaseThatIsADeviceOrFifo(@TempDir Path dir) throws Exception {
        Path fifo = HostileFiles.fifo(dir, "base.json");
        for (String base : new String[] {"/dev/zero", fifo.toString()}) {
            Path s = Files.writeString(dir.resolve("sweep.json"), "{\"base\": \"" + base + "\", \"grid\": {\"seed\": [1, 2]}}");
            refused("sweep.json: base: " + base + ": is not a regular file", "",
                    "sweep", "--recipe", s.toString(), "--out", dir.resolve("out").toString());
        }
    }

    @Test
    void inspectWorksOnAModelTooLargeToRunButEvalRefusesToRunIt(@TempDir Path dir) throws Exception {
        int side = 16_384, k = 255, out = (side - k) / k + 1;
        IntModel huge = new IntModel(new Shape(1, side, side), List.of(
                new Conv(1, 1, k, k, k, 0, 8, Weights.fromInts(1, 1, k * k, ones(k * k))),
                new ThresholdActivation(1, 1, new int[] {0}, new boolean[] {false}), new Flatten(),
                new Dense(10, out * out, 1, Weights.fromInts(1, 10, out * out, ones(10 * out * out)), new int[10])), 10);
        Path f = dir.resolve("huge.dot4j");
        ModelWriter.write(huge, f);
        CliRun run = CliRun.of("inspect", f.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("16384"), run.out());
        // but running it is refused before the engine allocates (the data folder is never read)
        refused(f + ": engine: the network needs ", "bytes of activations per image, more than the limit of 536,870,912",
                "eval", f.toString(), "--data", dir.toString());
    }

    private static int[] ones(int n) {
        int[] v = new int[n];
        java.util.Arrays.fill(v, 1);
        return v;
    }
}
