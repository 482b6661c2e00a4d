package io.dot4j.bench;

import io.dot4j.runtime.format.ModelWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The user-facing A/B command: one row per case with a ratio that matches its two rates; clear errors. */
class BenchMainTest {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cl = BenchErrors.install(new CommandLine(new BenchMain()));
            cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
            int code = cl.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void printsOneRowPerCaseWithConsistentRatios() throws Exception {
        Path model = tmp.resolve("tiny.dot4j");
        ModelWriter.write(BenchModels.tinyBinaryCnn(), model);
        Run r = run(model.toString(), "--seconds", "1.5", "--threads", "1,2", "--batch", "4");
        assertEquals(0, r.code(), r.err());
        Matcher m = Pattern.compile("(?m)^\\s+(\\d)\\s+4\\s+(\\d+)\\s+(\\d+) \\((ort|ort-nospin)\\s*\\)\\s+([0-9.]+)$").matcher(r.out());
        int rows = 0;
        while (m.find()) {
            rows++;
            double ratio = Double.parseDouble(m.group(2)) / Double.parseDouble(m.group(3));
            assertEquals(ratio, Double.parseDouble(m.group(5)), 0.01 + ratio * 0.01, r.out());
            if (m.group(1).equals("1")) {
                assertEquals("ort", m.group(4), "one thread has no spinning setting to choose");
            }
        }
        assertEquals(2, rows, r.out());
    }

    @Test
    void aMismatchedOnnxModelIsRefused() throws Exception {
        Path model = tmp.resolve("conv.dot4j");
        ModelWriter.write(BenchModels.binaryConvLayer(), model); // 64x14x14 input
        Path onnx = tmp.resolve("lenet5.onnx");
        Files.write(onnx, BenchModels.lenet5Onnx()); // 1x28x28 input
        Run r = run(model.toString(), "--onnx", onnx.toString(), "--seconds", "0.5");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("784") && r.err().contains("12544"), r.err());
    }

    @Test
    void aMissingModelIsOneLine() {
        Run r = run(tmp.resolve("absent.dot4j").toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("dot4j bench: ") && r.err().contains("absent.dot4j"), r.err());
    }

    @Test
    void aCorruptModelNamesTheFile() throws Exception {
        Path bad = tmp.resolve("bad.dot4j");
        Files.write(bad, new byte[] {'D', 'O', 'T', '4', 'J', 0, 13, 10, 9, 9});
        Run r = run(bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("dot4j bench: ") && r.err().contains("bad.dot4j"), r.err());
    }
}
