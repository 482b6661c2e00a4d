package io.dot4j.cli.train;

import io.dot4j.cli.data.CacheOption;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.tensor.Parallel;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.train.Checkpoint;
import io.dot4j.core.train.Evaluation;
import io.dot4j.core.train.Evaluator;
import io.dot4j.core.zoo.ModelSpec;
import io.dot4j.core.zoo.ModelZoo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code dot4j eval CHECKPOINT --data NAME}: rebuilds the network recorded in a training checkpoint, loads its
 * weights and prints the test accuracy, the accuracy of each class and the confusion matrix.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a training checkpoint on a data set's test split: accuracy, per-class accuracy, confusion matrix.")
public final class EvalCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CHECKPOINT", description = "A checkpoint written by dot4j train.")
    Path checkpoint;

    @Option(names = "--data", paramLabel = "NAME",
            description = "mnist or fashion-mnist (from the cache); default: the data set the checkpoint was trained on.")
    String data;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Use only the first N test images.")
    int limit;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all cores).")
    Integer threads;

    @Mixin
    CacheOption cache;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (threads != null) {
            if (threads < 1) {
                throw new io.dot4j.cli.UserError("--threads: expected >= 1, actual " + threads);
            }
            Parallel.setThreads(threads);
        }
        Checkpoint ck = Checkpoint.read(checkpoint);
        ModelSpec modelSpec = ck.modelSpec();
        Sequential net;
        try {
            net = ModelZoo.create(modelSpec, new Rng(0));
        } catch (IllegalArgumentException e) {
            throw new io.dot4j.cli.UserError(checkpoint + ": cannot rebuild the model " + modelSpec + ": " + e.getMessage(), e);
        }
        ck.loadModel(net);
        String name = data != null ? data : ck.config().path("data").asText("");
        if (name.isEmpty()) {
            throw new io.dot4j.cli.UserError(checkpoint + " does not say which data set it was trained on; give --data");
        }
        Dataset test = DataSets.load(cache.root(), name, "test", limit);
        if (test.numClasses() != modelSpec.arg("classes", 10) || test.channels() != modelSpec.arg("channels", 1)
                || test.height() != modelSpec.arg("height", 28) || test.width() != modelSpec.arg("width", 28)) {
            throw new io.dot4j.cli.UserError(checkpoint + ": the model " + modelSpec + " does not fit " + test);
        }
        Evaluation e = Evaluator.evaluate(net, test, 500, ck.normalization());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: %s (%,d parameters), epoch %d, on %s (%d images)%n", checkpoint, modelSpec, ck.parameterCount(),
                ck.epoch(), test.name(), test.count());
        out.printf(Locale.ROOT, "accuracy: %.2f%% (%d/%d), mean loss %.4f%n", 100 * e.accuracy(), e.correct(), e.count(), e.loss());
        out.println("per-class accuracy:");
        double[] per = e.perClassAccuracy();
        int[][] cm = e.confusion();
        int nameWidth = test.classNames().stream().mapToInt(String::length).max().orElse(1);
        for (int c = 0; c < per.length; c++) {
            int total = 0;
            for (int v : cm[c]) {
                total += v;
            }
            out.printf(Locale.ROOT, "  %2d %-" + nameWidth + "s %7.2f%% (%d/%d)%n", c, test.classNames().get(c), 100 * per[c], cm[c][c],
                    total);
        }
        out.println("confusion matrix (rows: true class, columns: predicted class):");
        int w = Math.max(5, Integer.toString(e.count()).length() + 1);
        StringBuilder head = new StringBuilder("    ");
        for (int c = 0; c < cm.length; c++) {
            head.append(String.format(Locale.ROOT, "%" + w + "d", c));
        }
        out.println(head);
        for (int r = 0; r < cm.length; r++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %2d", r));
            for (int c = 0; c < cm.length; c++) {
                row.append(String.format(Locale.ROOT, "%" + w + "d", cm[r][c]));
            }
            out.println(row);
        }
        out.flush();
        return 0;
    }
}
