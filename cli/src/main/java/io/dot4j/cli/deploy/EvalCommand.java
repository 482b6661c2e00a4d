package io.dot4j.cli.deploy;

import io.dot4j.cli.UserError;
import io.dot4j.cli.data.CacheOption;
import io.dot4j.cli.data.DatasetLocation;
import io.dot4j.runtime.format.ModelReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dot4j eval FILE --data NAME}: test-set accuracy of a deployed .dot4j model. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a .dot4j model on a test set: accuracy, per-class accuracy, confusion matrix,"
                + " file bytes, peak activation memory and images/s.")
public final class EvalCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "a .dot4j model")
    Path file;

    @Option(names = "--data", required = true, paramLabel = "NAME",
            description = "mnist, fashion-mnist, or a folder of IDX files")
    String data;

    @Option(names = "--classes", paramLabel = "N", defaultValue = "10",
            description = "number of classes for a folder of IDX files (default: ${DEFAULT-VALUE})")
    int classes;

    @Mixin
    CacheOption cache;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such file");
        }
        DatasetLocation location = DatasetLocation.resolve(data, cache.root(), classes);
        if (ModelReader.hasMagic(file)) {
            DeployedEval.run(file, location, spec.commandLine().getOut());
            return 0;
        }
        throw new UserError(file + ": not a .dot4j model (it does not start with the .dot4j magic bytes)");
    }
}
