package io.dot4j.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.cli.CliRun;
import io.dot4j.core.data.DataCache;
import io.dot4j.core.data.Dataset;
import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job on a small real slice: every step runs, and the printed numbers are those of the written file. */
class DemoCommandTest {

    @Test
    void trainsExportsAndRunsATinyModel(@TempDir Path tmp) throws Exception {
        CliRun run = CliRun.of("demo", "--epochs", "1", "--limit-train", "1000", "--out", tmp.toString(),
                "--cache", DataCache.root().toString());
        String text = run.out();
        assertEquals(0, run.exitCode(), run.err() + "\n" + text);
        for (String step : new String[] {"[1/4] data", "[2/4] train", "[3/4] export", "[4/4] run"}) {
            assertTrue(text.contains(step), text);
        }

        Path model = tmp.resolve("model.dot4j");
        assertTrue(Files.isRegularFile(model));
        assertTrue(Files.isRegularFile(tmp.resolve("checkpoint.ckpt")));
        long bytes = Files.size(model);
        assertTrue(text.contains(String.format(Locale.ROOT, "model file:        %,d bytes", bytes)), text);
        assertTrue(text.contains(String.format(Locale.ROOT, "(1/%.0f of float LeNet-5", 1_724_320.0 / bytes)), text);

        // the accuracy printed is the written file's, recomputed here with the plain reference interpreter
        IntModel m = ModelReader.read(model);
        ReferenceInterpreter ref = new ReferenceInterpreter(m);
        Dataset test = DataCache.load("mnist", "test");
        int correct = 0;
        for (int i = 0; i < test.count(); i++) {
            if (IntModel.argmax(ref.scores(test.image(i))) == test.label(i)) {
                correct++;
            }
        }
        Matcher acc = Pattern.compile("accuracy: +([0-9.]+) %").matcher(text);
        assertTrue(acc.find(), text);
        assertEquals(100.0 * correct / test.count(), Double.parseDouble(acc.group(1)), 0.005);
        assertTrue(correct > 5000, "a w1a2 CNN after one epoch on 1,000 images should beat 50 %, got " + correct);
    }

    @Test
    void refusesZeroEpochs(@TempDir Path tmp) {
        CliRun run = CliRun.of("demo", "--epochs", "0", "--out", tmp.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--epochs: expected >= 1"), run.err());
    }
}
