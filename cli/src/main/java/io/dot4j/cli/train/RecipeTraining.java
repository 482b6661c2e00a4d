package io.dot4j.cli.train;

import io.dot4j.cli.UserError;
import io.dot4j.core.data.Dataset;
import io.dot4j.quant.recipes.Recipe;
import io.dot4j.quant.recipes.RecipeException;
import io.dot4j.quant.recipes.RecipeParser;
import io.dot4j.quant.recipes.RecipeRun;
import io.dot4j.runtime.format.ModelSize;
import io.dot4j.runtime.format.ModelWriter;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code dot4j train --recipe FILE --out DIR}: quantization-aware training from a JSON recipe (docs/QUANTIZATION.md).
 * Writes DIR/checkpoint.ckpt (the quantized network and its recipe, for {@code dot4j export}) and DIR/model.dot4j
 * (the lowered integer model), and prints one line per epoch and the final float and integer test accuracies.
 */
final class RecipeTraining {
    static final String CHECKPOINT = "checkpoint.ckpt";
    static final String MODEL = "model.dot4j";

    private RecipeTraining() {
    }

    static int run(Path recipeFile, Path out, Path cacheRoot, PrintWriter stdout) throws IOException {
        Recipe r;
        try {
            r = RecipeParser.read(recipeFile);
        } catch (NoSuchFileException e) {
            throw new UserError("--recipe: " + recipeFile + " not found");
        } catch (RecipeException e) {
            throw new UserError(e.getMessage(), e);
        }
        Dataset[] data = RecipeRun.data(r, cacheRoot);
        stdout.printf(Locale.ROOT, "training %s from recipe %s on %s: %d train / %d test images, %d epochs, batch %d%n",
                r.zoo() != null ? r.zoo() + " (quantized)" : "a " + r.network().layers().size() + "-layer quantized network",
                recipeFile.getFileName(), r.dataset(), data[0].count(), data[1].count(), r.epochs(), r.batch());
        stdout.flush();
        RecipeRun.Result res;
        try {
            res = RecipeRun.run(r, data[0], data[1], line -> {
                stdout.println(line);
                stdout.flush();
            });
        } catch (RecipeException e) {
            throw new UserError(e.getMessage(), e);
        }
        Files.createDirectories(out);
        RecipeRun.saveCheckpoint(out.resolve(CHECKPOINT), r, res.network(), data[0].numClasses());
        ModelWriter.write(res.model(), out.resolve(MODEL));
        stdout.printf(Locale.ROOT, "final test accuracy: %.2f%% fake-quantized float, %.2f%% integer model (%s, %,d bytes); "
                        + "checkpoint %s%n", 100 * res.floatAccuracy(), 100 * res.integerAccuracy(), out.resolve(MODEL),
                ModelSize.of(res.model()).total(), out.resolve(CHECKPOINT));
        stdout.flush();
        return 0;
    }
}
