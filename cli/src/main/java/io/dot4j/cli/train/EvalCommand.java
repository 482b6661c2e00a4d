package io.dot4j.cli.train;

import io.dot4j.cli.UserError;
import io.dot4j.cli.data.CacheOption;
import io.dot4j.cli.data.DataHelp;
import io.dot4j.cli.data.DataSets;
import io.dot4j.cli.deploy.CheckpointKind;
import io.dot4j.cli.deploy.DeployedEval;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.metrics.ConfusionMatrix;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.tensor.Parallel;
import io.dot4j.core.train.Checkpoint;
import io.dot4j.core.train.Evaluation;
import io.dot4j.core.train.Evaluator;
import io.dot4j.core.zoo.ModelSpec;
import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.limits.EngineFootprint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code dot4j eval FILE [--data DATA]}: accuracy, per-class accuracy and confusion matrix of anything {@code train}
 * writes: a float checkpoint (the network rebuilt from its model spec), a quantized checkpoint of a recipe run (lowered
 * to its integer model, as {@code export} would) or a .dot4j file.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a float checkpoint (train --model), a quantized checkpoint (train --recipe) or a .dot4j"
                + " integer model on a data set: accuracy, per-class accuracy, confusion matrix; for an integer model also"
                + " its bytes, peak activation memory and images/s.",
                "DATA: " + DataHelp.REFERENCE})
public final class EvalCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A checkpoint written by dot4j train (with or without --recipe), or a .dot4j model.")
    Path checkpoint;

    @Option(names = "--data", paramLabel = "DATA",
            description = "The data set (see above); default: the one a checkpoint was trained on (a .dot4j file needs it).")
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
        if (threads != null) {
            if (threads < 1) {
                throw new UserError("--threads: expected >= 1, actual " + threads);
            }
            Parallel.setThreads(threads);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (ModelReader.hasMagic(checkpoint)) {
            if (data == null) {
                throw new UserError(checkpoint + " is a .dot4j model, which does not record its data set; give --data");
            }
            IntModel model = ModelReader.read(checkpoint);
            EngineFootprint.check(model, checkpoint.toString()); // refused before any data is read
            DeployedEval.run(checkpoint.toString(), model, Files.size(checkpoint),
                    DataSets.evaluationSet(data, cache.root(), model, limit), out);
            return 0;
        }
        Checkpoint ck = Checkpoint.read(checkpoint);
        if (CheckpointKind.isQuantized(ck)) {
            IntModel model = CheckpointKind.lowered(checkpoint);
            EngineFootprint.check(model, checkpoint.toString());
            String name = data != null ? data : CheckpointKind.recipeDataset(ck);
            DeployedEval.run(checkpoint + " (its integer model)", model, -1,
                    DataSets.evaluationSet(name, cache.root(), model, limit), out);
            return 0;
        }
        ModelSpec modelSpec = ck.modelSpec();
        Sequential net = ck.zooModel(); // sized from the header and checked against limits and tensors before building
        String name = data != null ? data : ck.config().path("data").asText("");
        if (name.isEmpty()) {
            throw new UserError(checkpoint + " does not say which data set it was trained on; give --data");
        }
        int[] shape = {modelSpec.arg("channels", 1), modelSpec.arg("height", 28), modelSpec.arg("width", 28)};
        Dataset test = DataSets.first(DataSets.resolve(name, cache.root())
                .expecting(modelSpec.arg("classes", 10), shape).evaluationSet(), limit);
        Evaluation e = Evaluator.evaluate(net, test, 500, ck.normalization());
        out.printf(Locale.ROOT, "%s: %s (%,d parameters), epoch %d, on %s (%d images)%n", checkpoint, modelSpec, ck.parameterCount(),
                ck.epoch(), test.name(), test.count());
        out.printf(Locale.ROOT, "mean loss %.4f%n", e.loss());
        ConfusionMatrix.of(e.confusion()).print(out, test.classNames());
        out.flush();
        return 0;
    }
}
