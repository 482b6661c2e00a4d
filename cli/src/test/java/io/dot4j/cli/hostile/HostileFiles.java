package io.dot4j.cli.hostile;

import io.dot4j.quant.recipes.RecipeCheckpoints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.core.train.CheckpointFile;
import io.dot4j.quant.network.QuantizedNetwork;
import io.dot4j.quant.recipes.Recipe;
import io.dot4j.quant.recipes.RecipeParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The crafted files of issue 18, made small and fresh for each test. */
final class HostileFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String SMALL_RECIPE = """
            {"dataset": "mnist", "layers": [{"type": "conv", "out": 4, "kernel": 3},
              {"type": "maxpool", "kernel": 2}, {"type": "flatten"}, {"type": "dense", "out": 10}], "epochs": 1}""";
    /** One conv of 32,768 outputs with a 255 x 255 kernel: 2.1 G parameters. */
    static final String HUGE_RECIPE = """
            {"dataset": "mnist", "layers": [{"type": "conv", "out": 32768, "kernel": 255, "pad": 127},
              {"type": "sumpool"}, {"type": "dense", "out": 10}]}""";

    private HostileFiles() {
    }

    /** A float checkpoint whose header claims {@code args} for lenet300 and stores no tensors. */
    static Path floatClaiming(Path dir, String name, String argsJson) throws Exception {
        ObjectNode meta = JSON.createObjectNode();
        ObjectNode model = meta.putObject("model");
        model.put("name", "lenet300");
        model.set("args", JSON.readTree(argsJson));
        ObjectNode norm = meta.putObject("normalization");
        norm.put("mean", 0.0);
        norm.put("std", 1.0);
        meta.putObject("config").put("data", "mnist");
        Path f = dir.resolve(name);
        CheckpointFile.write(f, meta, Map.<String, Tensor>of());
        return f;
    }

    /** A recipe checkpoint holding the tensors of {@link #SMALL_RECIPE} but claiming {@code recipe}. */
    static Path recipeClaiming(Path dir, String name, String recipe) throws Exception {
        Recipe r = RecipeParser.parse(SMALL_RECIPE, "small.json", null);
        Path honest = dir.resolve("honest-" + name);
        RecipeCheckpoints.save(honest, r, QuantizedNetwork.build(r.network(), new Rng(1)), 10);
        CheckpointFile.Contents c = CheckpointFile.read(honest);
        ObjectNode meta = c.meta().deepCopy();
        meta.set("recipe", JSON.readTree(recipe));
        Path f = dir.resolve(name);
        CheckpointFile.write(f, meta, c.tensors());
        Files.delete(honest);
        return f;
    }

    static Path fifo(Path dir, String name) throws Exception {
        Path f = dir.resolve(name);
        if (new ProcessBuilder("mkfifo", f.toString()).start().waitFor() != 0) {
            throw new IllegalStateException("mkfifo failed for " + f);
        }
        return f;
    }
}
