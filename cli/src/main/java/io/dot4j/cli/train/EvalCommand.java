package io.dot4j.cli.train;

import io.dot4j.cli.data.CacheOption;
import io.dot4j.cli.data.DatasetLocation;
import io.dot4j.cli.deploy.DeployedEval;
import io.dot4j.core.metrics.ConfusionMatrix;
import io.dot4j.runtime.format.ModelReader;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.tensor.Parallel;
import io.dot4j.core.train.Checkpoint;
import io.dot4j.core.train.Evaluation;
import io.dot4j.core.train.Evaluator;
import io.dot4j.core.zoo.ModelSpec;
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
        description = "Evaluate a training checkpoint or a .dot4j integer model on a data set's test split: accuracy,"
                + " per-class accuracy, confusion matrix; for a .dot4j model also file bytes, peak activation memory"
                + " and images/s.")
public final class EvalCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A checkpoint written by dot4j train, or a .dot4j integer model.")
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
        io.dot4j.runtime.io.InputFiles.requireRegular(checkpoint); // a folder or FIFO is refused before reading
        if (ModelReader.hasMagic(checkpoint)) {
            if (data == null) {
                throw new io.dot4j.cli.UserError(checkpoint + " is a .dot4j model, which does not record its data set; give --data");
            }
            DeployedEval.run(checkpoint, DatasetLocation.resolve(data, cache.root(), 10), spec.commandLine().getOut(), limit);
            return 0;
        }
        if (threads != null) {
            if (threads < 1) {
                throw new io.dot4j.cli.UserError("--threads: expected >= 1, actual " + threads);
            }
            Parallel.setThreads(threads);
        }
        Checkpoint ck = Checkpoint.read(checkpoint);
        ModelSpec modelSpec = ck.modelSpec();
        Sequential net = ck.zooModel(); // sized from the header and checked against limits and tensors before building
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
        out.printf(Locale.ROOT, "mean loss %.4f%n", e.loss());
        ConfusionMatrix.of(e.confusion()).print(out, test.classNames());
        out.flush();
        return 0;
    }
}
