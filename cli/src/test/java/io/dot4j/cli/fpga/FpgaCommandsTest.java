package io.dot4j.cli.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.cli.CliRun;
import io.dot4j.runtime.format.ModelWriter;
import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.Flatten;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.ir.Weights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export-verilog and verify --backend verilog on a small MNIST-shaped model. */
class FpgaCommandsTest {
    @TempDir
    Path tmp;

    /** conv 4@3x3 pad 1 (1-bit) - 2-bit thresholds - pool 2 - flatten - dense 10 with bias. */
    private Path model() throws Exception {
        Random r = new Random(3);
        int[] w1 = new int[4 * 9], w2 = new int[10 * 196 * 4], th = new int[4 * 3], bias = new int[10];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = r.nextBoolean() ? 1 : -1;
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = r.nextBoolean() ? 1 : -1;
        }
        for (int c = 0; c < 4; c++) {
            th[c * 3] = -200;
            th[c * 3 + 1] = 0;
            th[c * 3 + 2] = 150 + 10 * c;
            bias[c] = c - 2;
        }
        List<Layer> layers = List.of(new Conv(4, 1, 3, 3, 1, 1, 8, Weights.fromInts(1, 4, 9, w1)),
                new ThresholdActivation(4, 2, th, new boolean[] {false, true, false, false}), new MaxPool(2, 2),
                new Flatten(), new Dense(10, 784, 2, Weights.fromInts(1, 10, 784, w2), bias));
        Path file = tmp.resolve("small.dot4j");
        ModelWriter.write(new IntModel(new Shape(1, 28, 28), layers, 10), file);
        return file;
    }

    @Test
    void exportWritesALintCleanDesignAndPrintsThePlan() throws Exception {
        Path out = tmp.resolve("design");
        CliRun r = CliRun.of("export-verilog", model().toString(), "--out", out.toString(), "--fold", "0=2x9", "--lint");
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertTrue(r.out().contains("fold PE 2 x SIMD 9"), r.out());
        assertTrue(r.out().contains("lint: verilator -Wall clean"), r.out());
        for (String f : List.of("dot4j_top.v", "dot4j_board.v", "l0_conv.v", "l0_conv_w.hex", "l4_dense.v", "d4j_window.v")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
    }

    @Test
    void aFoldThatDoesNotDivideIsOneLineNamingTheFile() throws Exception {
        Path file = model();
        CliRun r = CliRun.of("export-verilog", file.toString(), "--out", tmp.resolve("x").toString(), "--fold", "0=3x9");
        assertEquals(2, r.exitCode(), r.out());
        assertTrue(r.err().contains(file + ": fold for layer 0: PE 3 does not divide its 4 outputs"), r.err());
    }

    @Test
    void verifyWithTheVerilogBackendComparesEveryImage() throws Exception {
        CliRun r = CliRun.of("verify", model().toString(), "--data", "mnist", "--images", "30", "--backend", "verilog",
                "--build-dir", tmp.resolve("build").toString());
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertTrue(r.out().contains("bit-exact: Verilog simulation (Verilator) = Java runtime, scores of all 30 mnist"),
                r.out());
        assertTrue(r.out().contains("cycles per image (interval)"), r.out());
    }
}
