package io.dot4j.cli.export;

import io.dot4j.quant.recipes.RecipeCheckpoints;
import io.dot4j.cli.UserError;
import io.dot4j.cli.deploy.CheckpointKind;
import io.dot4j.core.train.Checkpoint;
import io.dot4j.quant.lowering.Lowering;
import io.dot4j.quant.network.QuantizedNetwork;
import io.dot4j.quant.recipes.RecipeException;
import io.dot4j.runtime.format.ModelSize;
import io.dot4j.runtime.format.ModelWriter;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code dot4j export CHECKPOINT --out model.dot4j}: lowers a quantized network checkpoint (written by
 * {@code dot4j train --recipe}) to the integer model file: batch norm, biases, scales and activation quantizers folded
 * into integer thresholds (docs/QUANTIZATION.md). The file is written atomically.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Lower a quantized checkpoint (from dot4j train --recipe) to a .dot4j integer model.",
                "Prints the layers and the file size."})
public final class ExportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CHECKPOINT", description = "A checkpoint written by dot4j train --recipe.")
    Path checkpoint;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The .dot4j file to write.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        if (!Files.exists(checkpoint)) {
            throw new UserError(checkpoint + ": no such checkpoint file");
        }
        io.dot4j.runtime.io.InputFiles.requireRegular(checkpoint); // a folder or FIFO is refused before reading
        Checkpoint ck = Checkpoint.read(checkpoint);
        if (!CheckpointKind.isQuantized(ck)) {
            throw CheckpointKind.notQuantized(ck, "export");
        }
        QuantizedNetwork net;
        try {
            net = RecipeCheckpoints.load(checkpoint);
        } catch (RecipeException | NoSuchFileException e) {
            throw new UserError(e.getMessage(), e);
        }
        IntModel model;
        try {
            model = Lowering.lower(net);
        } catch (IllegalArgumentException e) {
            throw new UserError(checkpoint + ": " + e.getMessage(), e);
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ModelWriter.write(model, out);
        stdout.printf(Locale.ROOT, "%s: input %s, %d classes, %d layers%n", out, model.input(), model.numClasses(),
                model.layers().size());
        for (int i = 0; i < model.layers().size(); i++) {
            Layer l = model.layers().get(i);
            stdout.printf(Locale.ROOT, "  %2d %s%n", i, l);
        }
        ModelSize size = ModelSize.of(model);
        stdout.printf(Locale.ROOT, "%,d bytes (weights %,d, thresholds %,d), %,d MACs per image, peak activations %,d bytes%n",
                size.total(), size.weightBytes(), size.thresholdBytes(), model.totalMacs(), model.peakActivationBytes());
        stdout.flush();
        return 0;
    }
}
