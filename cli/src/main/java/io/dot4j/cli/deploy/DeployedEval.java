package io.dot4j.cli.deploy;

import io.dot4j.cli.data.DatasetLocation;
import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.ir.IntModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The {@code eval} of a .dot4j file: accuracy, confusion matrix, file bytes, peak activation memory, images/s. */
public final class DeployedEval {
    private DeployedEval() {
    }

    /** Evaluates on the test split, or its first {@code limit} images when limit > 0. */
    public static void run(Path file, DatasetLocation data, PrintWriter out, int limit) throws IOException {
        IntModel model = ModelReader.read(file);
        io.dot4j.runtime.limits.EngineFootprint.check(model, String.valueOf(file)); // before the engine allocates
        long bytes = Files.size(file);
        var test = data.load("test");
        if (limit > 0 && limit < test.count()) {
            test = test.slice(0, limit);
        }
        ModelEvaluation e = ModelEvaluation.run(model, test);
        out.printf(Locale.ROOT, "%s on %s test (%d images)%n", file, data.name(), e.confusion().total());
        e.confusion().print(out, data.classNames());
        out.printf(Locale.ROOT, "model file: %,d bytes; peak activation memory: %,d bytes%n", bytes,
                model.peakActivationBytes());
        out.printf(Locale.ROOT, "speed: %,.0f images/s on 1 thread, %,.0f images/s on %d threads%n",
                e.imagesPerSecondOneThread(), e.imagesPerSecondAllThreads(), e.threads());
        out.flush();
    }
}
