package io.dot4j.cli.userdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.cli.CliRun;
import io.dot4j.core.data.UserDataFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newcomer's path from README and --help alone, on data the test generates: a folder of PNGs (one sub-folder per
 * class) and a CSV file, given to {@code data info}, {@code train --recipe}, {@code eval}, {@code verify} and
 * {@code export}; a quantized model and its accuracy at the end.
 */
class NewcomerPathTest {
    @TempDir
    Path tmp;

    private static final String RECIPE = """
            {"dataset": "%s", "precision": "w1a2",
             "layers": [{"type": "conv", "out": 8, "kernel": 3, "pad": 1},
                        {"type": "maxpool", "kernel": 2},
                        {"type": "flatten"},
                        {"type": "dense", "out": 4, "bias": true, "scaling": "tensor"}],
             "optimizer": {"kind": "adam", "lr": 0.01}, "epochs": 4, "batch": 16, "seed": 5}""";

    private Path recipe(String dataset) throws IOException {
        Path file = tmp.resolve("recipe.json");
        Files.writeString(file, RECIPE.formatted(dataset));
        return file;
    }

    private static void ok(CliRun r) {
        assertEquals(0, r.exitCode(), r.err() + r.out());
    }

    /** train --recipe, then eval of the checkpoint and of model.dot4j, verify and export: all on the same data. */
    private double trainEvalVerify(String dataset, String dataArg, int evalImages) throws IOException {
        Path out = tmp.resolve("run-" + dataset.replace('.', '-'));
        CliRun train = CliRun.of("train", "--recipe", recipe(dataset).toString(), "--out", out.toString(), "--quiet",
                "--threads", "2");
        ok(train);
        Matcher m = Pattern.compile("final test accuracy: [0-9.]+% fake-quantized float, ([0-9.]+)% integer model")
                .matcher(train.out());
        assertTrue(m.find(), train.out());
        double acc = Double.parseDouble(m.group(1));
        assertTrue(acc >= 90, "bands are easy to learn: " + train.out());

        CliRun evalCkpt = CliRun.of("eval", out.resolve("checkpoint.ckpt").toString());
        ok(evalCkpt);
        assertTrue(evalCkpt.out().contains("(its integer model) on " + tmp.resolve(dataset) + " (" + evalImages
                + " images)"), evalCkpt.out());
        Matcher a = Pattern.compile("accuracy: ([0-9.]+) %").matcher(evalCkpt.out());
        assertTrue(a.find(), evalCkpt.out());
        assertTrue(Double.parseDouble(a.group(1)) >= 90, evalCkpt.out());
        CliRun evalModel = CliRun.of("eval", out.resolve("model.dot4j").toString(), "--data", dataArg);
        ok(evalModel);
        assertTrue(evalModel.out().contains(" (" + evalImages + " images)"), evalModel.out());
        assertTrue(evalModel.out().contains("model file: " + String.format(java.util.Locale.ROOT, "%,d",
                Files.size(out.resolve("model.dot4j"))) + " bytes"), evalModel.out());

        CliRun verify = CliRun.of("verify", out.resolve("checkpoint.ckpt").toString());
        ok(verify);
        assertTrue(verify.out().startsWith("bit-exact: fast kernels = reference interpreter = integer simulation"),
                verify.out());
        assertTrue(verify.out().contains("on " + evalImages + " "), verify.out());

        CliRun export = CliRun.of("export", out.resolve("checkpoint.ckpt").toString(), "--out",
                tmp.resolve("again.dot4j").toString());
        ok(export);
        assertTrue(export.out().contains("input (1,8,8), 4 classes"), export.out());
        CliRun onnx = CliRun.of("export-onnx", out.resolve("checkpoint.ckpt").toString(), "--out",
                tmp.resolve("x.onnx").toString());
        assertEquals(2, onnx.exitCode());
        assertEquals(1, onnx.err().lines().count(), onnx.err());
        assertTrue(onnx.err().contains("is a quantized checkpoint (from dot4j train --recipe); export-onnx reads float"
                + " checkpoints (from dot4j train --model): run `dot4j export "), onnx.err());
        return acc;
    }

    @Test
    void aFolderOfPngsGivesAQuantizedModelAndItsAccuracy() throws IOException {
        UserDataFixtures.writePngFolder(tmp.resolve("digits"), 4, 25, 8, 1, false);
        CliRun info = CliRun.of("data", "info", tmp.resolve("digits").toString());
        ok(info);
        assertTrue(info.out().contains("a folder of images, one sub-folder per class"), info.out());
        assertTrue(info.out().contains("train: 80 images, shape 1x8x8 (CxHxW), 4 classes"), info.out());
        assertTrue(info.out().contains("eval and verify: all 100 images"), info.out());
        assertTrue(info.out().contains("class 0 class0"), info.out());
        trainEvalVerify("digits", tmp.resolve("digits").toString(), 100);
    }

    @Test
    void aCsvFileGivesAQuantizedModelAndItsAccuracy() throws IOException {
        UserDataFixtures.writeCsv(tmp.resolve("bands.csv"), 4, 120, 8, 2, true);
        CliRun info = CliRun.of("data", "info", tmp.resolve("bands.csv").toString());
        ok(info);
        assertTrue(info.out().contains("a CSV file"), info.out());
        assertTrue(info.out().contains("test: 24 images, shape 1x8x8 (CxHxW), 4 classes"), info.out());
        trainEvalVerify("bands.csv", tmp.resolve("bands.csv").toString(), 120);
    }

    @Test
    void floatTrainingOnAPngFolderAndTheCheckpointMessages() throws IOException {
        UserDataFixtures.writePngFolder(tmp.resolve("digits/train"), 4, 20, 8, 1, false);
        UserDataFixtures.writePngFolder(tmp.resolve("digits/test"), 4, 5, 8, 2, false);
        Path out = tmp.resolve("float");
        CliRun train = CliRun.of("train", "--data", tmp.resolve("digits").toString(), "--model", "lenet300", "--epochs", "2",
                "--batch", "16", "--quiet", "--threads", "2", "--out", out.toString());
        ok(train);
        assertTrue(train.out().contains("80 train / 20 test images"), train.out());
        CliRun eval = CliRun.of("eval", out.resolve("checkpoint.ckpt").toString());
        ok(eval);
        assertTrue(eval.out().contains("on " + tmp.resolve("digits") + "/test (20 images)"), eval.out());
        for (String command : new String[] {"export", "verify"}) {
            CliRun r = command.equals("export")
                    ? CliRun.of("export", out.resolve("checkpoint.ckpt").toString(), "--out", tmp.resolve("m.dot4j").toString())
                    : CliRun.of("verify", out.resolve("checkpoint.ckpt").toString());
            assertEquals(2, r.exitCode(), r.out());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains("is a float checkpoint (from dot4j train --model); " + command + " reads quantized"
                    + " checkpoints: train one with `dot4j train --recipe"), r.err());
        }
        CliRun lenet5 = CliRun.of("train", "--data", tmp.resolve("digits").toString(), "--model", "lenet5", "--quiet",
                "--out", tmp.resolve("l5").toString());
        assertEquals(2, lenet5.exitCode());
        assertTrue(lenet5.err().contains("expected an input of at least 16x16, actual 8x8"), lenet5.err());
    }

    @Test
    void badDataIsOneLineNamingTheFileAndNothingIsTrained() throws IOException {
        UserDataFixtures.writePngFolder(tmp.resolve("digits"), 4, 5, 8, 1, false);
        Path cut = tmp.resolve("digits/class2/003.png");
        byte[] png = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(png, png.length - 12));
        Path out = tmp.resolve("bad");
        CliRun r = CliRun.of("train", "--recipe", recipe("digits").toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("dot4j: " + cut + " at byte offset"), r.err());
        assertFalse(Files.exists(out.resolve("checkpoint.ckpt")));

        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "label,a,b,c,d\n0,1,2,3,4\n1,5,x,7,8\n");
        CliRun c = CliRun.of("data", "info", csv.toString());
        assertEquals(2, c.exitCode());
        assertEquals("dot4j: " + csv + " at line 3, column 3: \"x\" is not an integer (expected 0..255 for pixels, a class"
                + " index for the label)", c.err().strip());
        assertEquals("", c.out());
    }
}
