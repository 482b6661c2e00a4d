package io.dot4j.cli.onnx;

import io.dot4j.cli.deploy.CheckpointKind;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.train.Checkpoint;
import io.dot4j.core.train.Normalization;
import io.dot4j.core.zoo.ModelSpec;
import io.dot4j.onnx.ExportOptions;
import io.dot4j.onnx.OnnxExporter;
import picocli.CommandLine.Command;
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
 * {@code dot4j export-onnx CHECKPOINT --out model.onnx}: rebuilds the float network a checkpoint describes (its model
 * spec names a zoo network), loads the weights and writes it as ONNX. The graph takes the normalized float input the
 * network was trained on; the normalization is recorded in the file's metadata.
 */
@Command(name = "export-onnx", mixinStandardHelpOptions = true,
        description = {"Export the float network of a training checkpoint (dot4j train --model) as an ONNX model (opset 17).",
                "A quantized checkpoint (train --recipe) is lowered by dot4j export instead; the error says so."})
public final class ExportOnnxCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CHECKPOINT", description = "a checkpoint written by dot4j train (or Checkpoint.saveModel)")
    Path checkpoint;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the .onnx file to write (replaced atomically)")
    Path out;

    @Option(names = "--softmax", description = "also output \"probabilities\", a softmax over the logits")
    boolean softmax;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Checkpoint c = Checkpoint.read(checkpoint);
        ModelSpec model = CheckpointKind.floatModelSpec(c, "export-onnx");
        Normalization norm = c.normalization();
        Sequential net = c.zooModel(); // sized and checked against limits and the stored tensors before building
        net.eval();
        ExportOptions options = new ExportOptions(model.arg("channels", 1), model.arg("height", 28), model.arg("width", 28),
                softmax, java.util.Map.of())
                .withMetadata("dot4j.model", model.toString())
                .withMetadata("dot4j.normalization", "(pixel / 255 - " + norm.mean() + ") / " + norm.std())
                .withMetadata("dot4j.checkpoint", checkpoint.getFileName().toString());
        OnnxExporter.write(net, options, out);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "wrote %s: %s, %,d parameters, %,d bytes%n", out, model, net.parameterCount(), Files.size(out));
        w.printf(Locale.ROOT, "input \"%s\" float [N, %d, %d, %d] = (pixel / 255 - %s) / %s; output \"%s\"%s%n", OnnxExporter.INPUT,
                options.channels(), options.height(), options.width(), norm.mean(), norm.std(), OnnxExporter.LOGITS,
                softmax ? " and \"" + OnnxExporter.PROBABILITIES + "\"" : "");
        w.flush();
        return 0;
    }
}
