package io.dot4j.cli.deploy;

import io.dot4j.core.data.Dataset;
import io.dot4j.runtime.format.ModelSize;
import io.dot4j.runtime.ir.IntModel;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The {@code eval} of an integer model (a .dot4j file, or the model a quantized checkpoint lowers to): accuracy,
 * confusion matrix, model bytes, peak activation memory, images/s.
 */
public final class DeployedEval {
    private DeployedEval() {
    }

    /**
     * Evaluates {@code model} on {@code test}; {@code what} names it ("model.dot4j", "ckpt (lowered)"), and
     * {@code fileBytes} is its file's size, or -1 when it has no file (then the encoded size is printed).
     */
    public static void run(String what, IntModel model, long fileBytes, Dataset test, PrintWriter out) {
        io.dot4j.runtime.limits.EngineFootprint.check(model, what); // before the engine allocates
        ModelEvaluation e = ModelEvaluation.run(model, test);
        out.printf(Locale.ROOT, "%s on %s (%d images)%n", what, test.name(), e.confusion().total());
        e.confusion().print(out, test.classNames());
        out.printf(Locale.ROOT, "model %s: %,d bytes; peak activation memory: %,d bytes%n",
                fileBytes >= 0 ? "file" : "size as a .dot4j file", fileBytes >= 0 ? fileBytes : ModelSize.of(model).total(),
                model.peakActivationBytes());
        out.printf(Locale.ROOT, "speed: %,.0f images/s on 1 thread, %,.0f images/s on %d threads%n",
                e.imagesPerSecondOneThread(), e.imagesPerSecondAllThreads(), e.threads());
        out.println(io.dot4j.runtime.kernels.KernelLine.of(e.kernel()));
        out.flush();
    }
}
