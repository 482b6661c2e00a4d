package io.dot4j.cli.train;

import io.dot4j.quant.recipes.RecipeCheckpoints;
import io.dot4j.cli.UserError;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.train.Checkpoint;
import io.dot4j.quant.recipes.Recipe;
import io.dot4j.quant.recipes.RecipeException;
import io.dot4j.quant.recipes.RecipeParser;
import io.dot4j.quant.recipes.RecipeData;
import io.dot4j.quant.recipes.RecipeRun;
import io.dot4j.runtime.format.ModelSize;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code dot4j train --recipe FILE --out DIR}: quantization-aware training from a JSON recipe (docs/QUANTIZATION.md).
 * Trains through core's Trainer like {@code dot4j train}: a progress bar on stderr, DIR/log.jsonl, DIR/loss.png and
 * DIR/accuracy.png, and DIR/checkpoint.ckpt every epoch and at the end (the full training state plus the recipe, so it
 * both resumes bit for bit and exports with {@code dot4j export}); finally DIR/model.dot4j (the lowered integer model).
 * Prints one line per epoch and the final float and integer test accuracies.
 */
final class RecipeTraining {
    static final String CHECKPOINT = "checkpoint.ckpt";
    static final String MODEL = "model.dot4j";

    private RecipeTraining() {
    }

    /**
     * Trains a recipe into {@code out}: from {@code recipeFile}, or from the recipe stored in {@code resume} when no
     * file is given; with {@code resume} the run continues from that checkpoint bit for bit.
     */
    static int run(Path recipeFile, Path resume, Path out, Path cacheRoot, boolean quiet, PrintWriter stdout) throws IOException {
        Recipe r;
        try {
            if (recipeFile != null) {
                r = RecipeParser.read(recipeFile);
            } else {
                r = RecipeCheckpoints.recipeOf(Checkpoint.read(resume));
            }
        } catch (NoSuchFileException e) {
            throw new UserError((recipeFile != null ? "--recipe: " + recipeFile : "--resume: " + resume) + " not found");
        } catch (RecipeException e) {
            throw new UserError(e.getMessage(), e);
        }
        Dataset[] data = RecipeData.load(r, cacheRoot);
        stdout.printf(Locale.ROOT, "training %s from recipe %s on %s: %d train / %d test images, %d epochs, batch %d%n",
                r.zoo() != null ? r.zoo() + " (quantized)" : "a " + r.network().layers().size() + "-layer quantized network",
                recipeFile != null ? recipeFile.getFileName() : resume, r.dataset(), data[0].count(), data[1].count(), r.epochs(),
                r.batch());
        stdout.flush();
        RecipeRun.Options options = new RecipeRun.Options(out, resume, quiet ? null : System.err, 1);
        RecipeRun.Result res;
        try {
            res = RecipeRun.run(r, data[0], data[1], options, line -> {
                stdout.println(line);
                stdout.flush();
            });
        } catch (RecipeException e) {
            throw new UserError(e.getMessage(), e);
        }
        stdout.printf(Locale.ROOT, "final test accuracy: %.2f%% fake-quantized float, %.2f%% integer model (%s, %,d bytes); "
                        + "checkpoint %s%n", 100 * res.floatAccuracy(), 100 * res.integerAccuracy(), out.resolve(MODEL),
                ModelSize.of(res.model()).total(), out.resolve(CHECKPOINT));
        stdout.flush();
        return 0;
    }
}
