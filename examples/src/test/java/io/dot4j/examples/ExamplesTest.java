package io.dot4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.core.data.DataSource;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.data.UserDataFixtures;
import io.dot4j.quant.lowering.Layouts;
import io.dot4j.runtime.Dot4jModel;
import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example programs on generated data: a folder of 8x8 PNGs, one sub-folder per class. */
class ExamplesTest {
    @TempDir
    Path tmp;

    private String run(ThrowingMain main, String... args) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            main.run(args);
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ownNetworkTrainsAQuantizedModelThatTheRuntimeRuns() throws Exception {
        Path data = tmp.resolve("digits");
        UserDataFixtures.writePngFolder(data, 4, 25, 8, 1, false);
        Path out = tmp.resolve("own");
        String printed = run(OwnNetwork::main, data.toString(), out.toString());
        Matcher m = Pattern.compile("integer model: ([0-9.]+) % on 20 test images").matcher(printed);
        assertTrue(m.find(), printed);
        assertTrue(Double.parseDouble(m.group(1)) >= 90, printed);
        IntModel model = ModelReader.read(out.resolve("own.dot4j"));
        assertEquals(ModelReader.read(out.resolve("model.dot4j")), model);
        assertTrue(Files.isRegularFile(out.resolve("checkpoint.ckpt")));
        // the runtime's fast kernels give the reference interpreter's answer on every image
        Dataset all = DataSource.resolve(data.toString(), null, tmp).evaluationSet();
        try (Dot4jModel runtime = Dot4jModel.of(model)) {
            ReferenceInterpreter reference = new ReferenceInterpreter(model);
            for (int i = 0; i < all.count(); i++) {
                byte[] px = Layouts.toChannelLast(all.image(i), 1, 8, 8);
                assertEquals(IntModel.argmax(reference.scores(px)), runtime.predict(px).label(), "image " + i);
            }
        }
    }

    @Test
    void floatToOnnxWritesAnOnnxFile() throws Exception {
        Path data = tmp.resolve("digits");
        UserDataFixtures.writePngFolder(data, 4, 25, 8, 2, false);
        Path out = tmp.resolve("float");
        String printed = run(FloatToOnnx::main, data.toString(), out.toString());
        Matcher m = Pattern.compile("float network: ([0-9.]+) % on 20 test images").matcher(printed);
        assertTrue(m.find(), printed);
        assertTrue(Double.parseDouble(m.group(1)) >= 90, printed);
        byte[] onnx = Files.readAllBytes(out.resolve("float.onnx"));
        assertTrue(onnx.length > 1000 && new String(onnx, StandardCharsets.ISO_8859_1).contains("dot4j"), "an ONNX model");
        assertTrue(Files.isRegularFile(out.resolve("checkpoint.ckpt")));
        assertEquals(4, Files.readAllLines(out.resolve("log.jsonl")).size());
    }

    private interface ThrowingMain {
        void run(String[] args) throws Exception;
    }
}
