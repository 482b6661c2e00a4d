package io.dot4j.quant.recipes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.core.train.Checkpoint;
import io.dot4j.core.train.CheckpointFile;
import io.dot4j.quant.network.QuantizedNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checkpoints of recipe runs: what their header holds (the kind, the recipe with its folder, the input shape and
 * classes), the resume check that the recipe is the same, and a quantized network written and rebuilt from one.
 */
public final class RecipeCheckpoints {
    private RecipeCheckpoints() {
    }

    static ObjectNode meta(Recipe r, QuantizedNetwork net, int classes) {
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        meta.put("kind", RecipeRun.CHECKPOINT_KIND);
        meta.set("recipe", r.json().deepCopy());
        if (r.dir() != null) {
            meta.put("recipeDir", r.dir());
        }
        ObjectNode in = meta.putObject("input");
        in.put("channels", net.inputChannels());
        in.put("height", net.inputHeight());
        in.put("width", net.inputWidth());
        in.put("classes", classes);
        return meta;
    }

    static void requireSameRecipe(Checkpoint ck, Recipe r) {
        if (!RecipeRun.CHECKPOINT_KIND.equals(ck.meta().path("kind").asText())) {
            throw new RecipeException(ck.file() + ": not a checkpoint of a recipe run (no \"kind\": \"" + RecipeRun.CHECKPOINT_KIND + "\")");
        }
        if (!ck.meta().has("iterator")) {
            throw new RecipeException(ck.file() + ": a model-only checkpoint (no training state); it cannot be resumed");
        }
        if (!withResolvedPaths(r).equals(withResolvedPaths(recipeOf(ck)))) {
            throw new RecipeException(ck.file() + ": was trained with a different recipe than " + r.source()
                    + "; resume with the same recipe (the checkpoint holds it)");
        }
    }

    /**
     * The recipe's JSON with its file paths ("init", "distillation.teacher") as the parser resolved them, so one file
     * named from two places (a relative path from the recipe's folder, an absolute path) is the same recipe.
     */
    private static JsonNode withResolvedPaths(Recipe r) {
        ObjectNode json = r.json().deepCopy();
        if (r.init() != null) {
            json.put("init", r.init());
        }
        if (r.distillation() != null && json.path("distillation").isObject()) {
            ((ObjectNode) json.get("distillation")).put("teacher", r.distillation().teacher());
        }
        return json;
    }

    /** The recipe stored in a recipe run's checkpoint, its relative paths resolved as when it was first read. */
    public static Recipe recipeOf(Checkpoint ck) {
        JsonNode meta = ck.meta();
        if (!RecipeRun.CHECKPOINT_KIND.equals(meta.path("kind").asText()) || !meta.path("recipe").isObject()) {
            throw new RecipeException(ck.file() + ": not a checkpoint of a recipe run (no \"kind\": \"" + RecipeRun.CHECKPOINT_KIND + "\")");
        }
        String dir = meta.path("recipeDir").asText(null);
        return RecipeParser.fromJson(meta.get("recipe"), ck.file().getFileName() + " (recipe)", dir == null ? null : Path.of(dir));
    }

    /** Writes a quantized network with its recipe (to rebuild it), atomically. */
    public static void save(Path file, Recipe r, QuantizedNetwork net, int classes) throws IOException {
        ObjectNode meta = meta(r, net, classes);
        meta.remove("recipeDir"); // a model-only checkpoint is rebuilt from its recipe alone
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        net.namedParameters().forEach((n, v) -> tensors.put("param/" + n, v.data()));
        net.namedBuffers().forEach((n, b) -> tensors.put("buffer/" + n, b));
        CheckpointFile.write(file, meta, tensors);
    }

    /** Rebuilds a quantized network from a checkpoint written by {@link #save}, in eval mode. */
    public static QuantizedNetwork load(Path file) throws IOException {
        Checkpoint ck = Checkpoint.read(file);
        JsonNode meta = ck.meta();
        if (!RecipeRun.CHECKPOINT_KIND.equals(meta.path("kind").asText())) {
            throw new RecipeException(file + ": not a quantized network checkpoint (no \"kind\": \"" + RecipeRun.CHECKPOINT_KIND
                    + "\" in its header); train one with `dot4j train --recipe`");
        }
        Recipe r = RecipeParser.fromJson(meta.get("recipe"), file.getFileName() + " (recipe)", null);
        int[] in = CheckpointChecks.input(file, meta);
        CheckpointChecks.requireFits(ck, r, in); // a lying header allocates nothing
        // the zoo twin is rebuilt without its float init: the checkpoint holds every weight
        Recipe noInit = new Recipe(r.source(), r.json(), r.dataset(), r.trainLimit(), r.testLimit(), r.zoo(), null, r.network(),
                r.precision(), r.overrides(), r.optimizer(), r.schedule(), r.epochs(), r.batch(), r.augmentation(), r.pruning(),
                r.distillation(), r.seed(), r.dir(), null);
        QuantizedNetwork net = RecipeRun.buildNetwork(noInit, in[0], in[1], in[2], in[3]);
        ck.loadModel(net);
        net.eval();
        return net;
    }
}
