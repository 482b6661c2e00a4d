package io.dot4j.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dot4j.cli.Main;
import io.dot4j.cli.UserError;
import io.dot4j.cli.data.CacheOption;
import io.dot4j.cli.data.DataHelp;
import io.dot4j.core.data.NamedDatasets;
import io.dot4j.cli.deploy.ModelEvaluation;
import io.dot4j.core.data.Dataset;
import io.dot4j.quant.recipes.Recipe;
import io.dot4j.quant.recipes.RecipeParser;
import io.dot4j.quant.recipes.RecipeData;
import io.dot4j.quant.recipes.RecipeRun;
import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.ir.IntModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dot4j demo}: the whole path on real data in a few minutes. Fetches the data set, trains a tiny binary CNN
 * (1-bit weights, 2-bit activations) with quantization-aware training, lowers it to a .dot4j integer model, and runs
 * that file with the integer runtime on the full test set: accuracy, file bytes, the ratio to the float LeNet-5's
 * size, peak activation memory and images/s.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Fetch MNIST, train a tiny 1-bit/2-bit CNN, export it as a .dot4j integer model and run it with"
                + " the integer runtime on the full test set.")
public final class DemoCommand implements Callable<Integer> {
    /** The float reference: Caffe's LeNet-5, 431,080 float32 parameters. */
    static final long LENET5_FLOAT_BYTES = 431_080L * 4;

    @Option(names = "--data", paramLabel = "NAME", defaultValue = "mnist",
            description = "mnist (default), fashion-mnist, or your own data: " + DataHelp.REFERENCE)
    String data;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "2",
            description = "training epochs (default: ${DEFAULT-VALUE}; a few minutes on 2 cores)")
    int epochs;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/demo",
            description = "where model.dot4j and checkpoint.ckpt go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--limit-train", paramLabel = "N", defaultValue = "0", hidden = true,
            description = "train on the first N images only (for tests)")
    int limitTrain;

    @Mixin
    CacheOption cache;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1) {
            throw new UserError("--epochs: expected >= 1, got " + epochs);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        long start = System.nanoTime();

        stdout.println("[1/4] data: " + data);
        stdout.flush();
        boolean named = NamedDatasets.find(data).isPresent();
        if (named) {
            int rc = Main.commandLine().setOut(stdout).setErr(spec.commandLine().getErr())
                    .execute("data", "fetch", data, "--cache", cache.root().toString());
            if (rc != 0) {
                return rc;
            }
        }

        Recipe recipe = recipe(named, 10);
        Dataset[] sets = RecipeData.load(recipe, cache.root());
        if (sets[0].numClasses() != 10) {
            recipe = recipe(named, sets[0].numClasses());
        }
        stdout.printf(Locale.ROOT, "[2/4] train: %s, %d epoch(s) on %,d images (quantization-aware: 1-bit weights,"
                + " 2-bit activations, 8-bit input)%n", "tiny CNN: conv 16, pool, conv 32, pool, dense 10", recipe.epochs(), sets[0].count());
        stdout.flush();
        // trains through core's Trainer: progress bar on stderr, log.jsonl, curves and checkpoint.ckpt in --out
        RecipeRun.run(recipe, sets[0], sets[1], RecipeRun.Options.writingTo(out).withProgress(System.err), line -> {
            stdout.println("  " + line);
            stdout.flush();
        });
        Path modelFile = out.resolve(RecipeRun.MODEL_FILE);
        long bytes = Files.size(modelFile);
        stdout.printf(Locale.ROOT, "[3/4] export: %s, %,d bytes%n", modelFile, bytes);
        stdout.flush();

        // run what was written, not what is in memory: the file is the product
        IntModel deployed = ModelReader.read(modelFile);
        ModelEvaluation e = ModelEvaluation.run(deployed, sets[1]);
        stdout.printf(Locale.ROOT, "[4/4] run: the integer runtime on %,d %s test images%n", e.confusion().total(), data);
        stdout.printf(Locale.ROOT, "  accuracy:          %.2f %%%n", 100 * e.confusion().accuracy());
        stdout.printf(Locale.ROOT, "  model file:        %,d bytes (1/%.0f of float LeNet-5's %,d bytes)%n", bytes,
                (double) LENET5_FLOAT_BYTES / bytes, LENET5_FLOAT_BYTES);
        stdout.printf(Locale.ROOT, "  peak activations:  %,d bytes%n", deployed.peakActivationBytes());
        stdout.printf(Locale.ROOT, "  speed:             %,.0f images/s on 1 thread, %,.0f on %d threads%n",
                e.imagesPerSecondOneThread(), e.imagesPerSecondAllThreads(), e.threads());
        stdout.printf(Locale.ROOT, "  %s%n", io.dot4j.runtime.kernels.KernelLine.of(e.kernel()));
        stdout.printf(Locale.ROOT, "done in %.0f s; inspect the model with: ./dot4j inspect %s%n",
                (System.nanoTime() - start) / 1e9, modelFile);
        stdout.flush();
        return 0;
    }

    /** The demo recipe on --data; for the user's own data the input shape comes from the data, the outputs from its classes. */
    private Recipe recipe(boolean named, int classes) throws IOException {
        ObjectNode root;
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo-recipe.json")) {
            if (in == null) {
                throw new IllegalStateException("demo-recipe.json is missing from the dot4j jar");
            }
            root = (ObjectNode) new ObjectMapper().readTree(in);
        }
        root.put("epochs", epochs);
        if (!named) {
            root.remove("input");
            ObjectNode last = (ObjectNode) root.get("layers").get(root.get("layers").size() - 1);
            last.put("out", classes);
        }
        ObjectNode dataset = root.putObject("dataset");
        dataset.put("name", data);
        if (limitTrain > 0) {
            dataset.put("trainLimit", limitTrain);
        }
        return RecipeParser.fromJson(root, "demo-recipe.json", Path.of("").toAbsolutePath());
    }
}
