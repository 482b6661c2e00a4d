package io.dot4j.cli.deploy;

import io.dot4j.quant.recipes.RecipeCheckpoints;
import io.dot4j.cli.UserError;
import io.dot4j.core.train.Checkpoint;
import io.dot4j.core.zoo.ModelSpec;
import io.dot4j.quant.lowering.Lowering;
import io.dot4j.quant.recipes.RecipeException;
import io.dot4j.quant.recipes.RecipeRun;
import io.dot4j.runtime.ir.IntModel;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The two kinds of checkpoint {@code dot4j train} writes, told apart once for {@code eval}, {@code export},
 * {@code export-onnx} and {@code verify}: a float checkpoint ({@code train --model}: its header holds a model spec)
 * and a quantized one ({@code train --recipe}: its header holds the recipe). A command given the kind it cannot read
 * says in one line what to run instead.
 */
public final class CheckpointKind {
    private CheckpointKind() {
    }

    /** Whether the checkpoint is a recipe run's (a quantized network). */
    public static boolean isQuantized(Checkpoint ck) {
        return RecipeRun.CHECKPOINT_KIND.equals(ck.meta().path("kind").asText());
    }

    /** The model spec of a float checkpoint; for anything else a one-line error saying what {@code command} needs. */
    public static ModelSpec floatModelSpec(Checkpoint ck, String command) throws IOException {
        if (isQuantized(ck)) {
            throw new UserError(ck.file() + " is a quantized checkpoint (from dot4j train --recipe); " + command
                    + " reads float checkpoints (from dot4j train --model): run `dot4j export " + ck.file()
                    + " --out model.dot4j` for its integer model");
        }
        if (!ck.meta().path("model").isObject()) {
            throw new UserError(ck.file() + ": neither a float checkpoint (no model spec in its header) nor a quantized"
                    + " one (no recipe); " + command + " reads the checkpoint.ckpt that dot4j train writes");
        }
        return ck.modelSpec();
    }

    /** The integer model a quantized checkpoint lowers to (what {@code dot4j export} writes). */
    public static IntModel lowered(Path file) throws IOException {
        try {
            return Lowering.lower(RecipeCheckpoints.load(file));
        } catch (RecipeException e) {
            throw new UserError(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": " + e.getMessage(), e);
        }
    }

    /** The data set a quantized checkpoint's recipe names (a name, or a path resolved as the recipe did). */
    public static String recipeDataset(Checkpoint ck) {
        try {
            return RecipeCheckpoints.recipeOf(ck).dataset();
        } catch (RecipeException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** A one-line error for a float checkpoint given to a command that reads quantized ones. */
    public static UserError notQuantized(Checkpoint ck, String command) {
        return new UserError(ck.file() + " is a float checkpoint (from dot4j train --model); " + command + " reads"
                + " quantized checkpoints: train one with `dot4j train --recipe R.json` (\"network\": \""
                + ck.meta().path("model").path("name").asText("lenet5") + "\", \"init\": \"" + ck.file()
                + "\" starts it from these weights), or run `dot4j export-onnx " + ck.file() + " --out model.onnx` for"
                + " the float network");
    }
}
