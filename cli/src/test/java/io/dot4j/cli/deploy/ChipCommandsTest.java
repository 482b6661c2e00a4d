package io.dot4j.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.cli.CliRun;
import io.dot4j.core.data.DataCache;
import io.dot4j.core.data.Dataset;
import io.dot4j.runtime.format.ModelWriter;
import io.dot4j.runtime.ir.IntModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export-c, inspect --target, verify --backend (C on the host and under QEMU) and bench-mcu from the command line. */
class ChipCommandsTest {
    @TempDir
    Path tmp;

    private Path model() throws Exception {
        Path file = tmp.resolve("tiny.dot4j");
        ModelWriter.write(TinyModels.mnistShaped(7), file);
        return file;
    }

    @Test
    void exportCWritesTheTwoFilesAfterTheRamPlan() throws Exception {
        Path out = tmp.resolve("c");
        CliRun r = CliRun.of("export-c", model().toString(), "--out", out.toString(), "--target", "cortex-m0");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("C RAM plan"), r.out());
        assertTrue(r.out().contains("s1_acc") && r.out().contains("model buffers"), r.out());
        String c = Files.readString(out.resolve("dot4j_model.c"));
        assertTrue(c.contains("int dot4j_predict(const uint8_t *pixels, int32_t *scores)"), c);
        assertTrue(!c.contains("#include <stdio.h>") && !c.contains("malloc"), "no libc beyond stdint/stddef");
        assertTrue(Files.readString(out.resolve("dot4j_model.h")).contains("#define DOT4J_NUM_CLASSES 10"));
        CliRun bad = CliRun.of("export-c", model().toString(), "--out", out.toString(), "--target", "z80");
        assertTrue(bad.exitCode() != 0 && bad.err().contains("--target z80") && bad.err().contains("cortex-m0"),
                bad.err());
    }

    @Test
    void inspectShowsTheRamPlanOfATarget() throws Exception {
        CliRun r = CliRun.of("inspect", model().toString(), "--target", "cortex-m0");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("cortex-m0: C RAM plan") && r.out().contains("input image"), r.out());
    }

    @Test
    void verifyTheHostCAndTheM0OnRealImages() throws Exception {
        String cache = DataCache.root().toString();
        CliRun host = CliRun.of("verify", model().toString(), "--data", "mnist", "--backend", "c-host", "--images",
                "300", "--cache", cache);
        assertEquals(0, host.exitCode(), host.out() + host.err());
        assertTrue(host.out().contains("bit-exact: c-host = Java runtime on every score of 300 "), host.out());
        CliRun m0 = CliRun.of("verify", model().toString(), "--data", "mnist", "--backend", "cortex-m0", "--images",
                "3", "--cache", cache);
        assertEquals(0, m0.exitCode(), m0.out() + m0.err());
        assertTrue(m0.out().contains("bit-exact: cortex-m0 = Java runtime on every score of 3 "), m0.out());
        CliRun unknown = CliRun.of("verify", model().toString(), "--data", "mnist", "--backend", "gpu", "--cache", cache);
        assertTrue(unknown.exitCode() != 0 && unknown.err().contains("c-host"), unknown.err());
    }

    @Test
    void aBackendThatDiffersIsNamedWithTheFirstImageAndScore() throws Exception {
        IntModel m = TinyModels.mnistShaped(7);
        Dataset test = DataCache.load("mnist", "test").slice(0, 5);
        VerifyBackend offByOne = new VerifyBackend() {
            @Override
            public List<String> names() {
                return List.of("broken");
            }

            @Override
            public String describe(String name) {
                return "a back end that adds 1 to score 4 of image 2";
            }

            @Override
            public int[][] scores(String name, IntModel model, byte[][] images, PrintWriter log) {
                int[][] s = new int[images.length][];
                try (var java = io.dot4j.runtime.Dot4jModel.of(model)) {
                    for (int i = 0; i < images.length; i++) {
                        s[i] = java.predict(images[i]).scores();
                    }
                }
                s[2][4]++;
                return s;
            }
        };
        StringWriter text = new StringWriter();
        assertEquals(1, BackendComparison.run(offByOne, "broken", m, test, new PrintWriter(text)));
        assertTrue(text.toString().contains("MISMATCH at image 2, score 4: broken "), text.toString());
    }

    @Test
    void benchMcuPrintsFlashRamAndInstructions() throws Exception {
        CliRun r = CliRun.of("bench-mcu", model().toString(), "--target", "rv32imc", "--images", "2");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("flash: ") && r.out().contains("peak stack"), r.out());
        assertTrue(r.out().contains("instructions (QEMU), not cycles"), r.out());
        CliRun host = CliRun.of("bench-mcu", model().toString(), "--target", "host");
        assertTrue(host.exitCode() != 0 && host.err().contains("--time"), host.err());
        // the timing's output only (its numbers mean something on an idle machine alone)
        CliRun timed = CliRun.of("bench-mcu", model().toString(), "--target", "host", "--time", "--images", "3");
        assertEquals(0, timed.exitCode(), timed.out() + timed.err());
        assertTrue(timed.out().contains("native C (gcc -O3 -march=native") && timed.out().contains("Java runtime"),
                timed.out());
    }
}
