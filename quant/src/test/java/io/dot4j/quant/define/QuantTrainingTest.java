package io.dot4j.quant.define;

import io.dot4j.quant.recipes.RecipeCheckpoints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.core.data.DataSource;
import io.dot4j.core.data.UserDataFixtures;
import io.dot4j.core.train.Checkpoint;
import io.dot4j.quant.lowering.Lowering;
import io.dot4j.quant.network.NetworkSpec;
import io.dot4j.quant.recipes.Recipe;
import io.dot4j.quant.recipes.RecipeParser;
import io.dot4j.quant.recipes.RecipeData;
import io.dot4j.quant.recipes.RecipeRun;
import io.dot4j.runtime.format.ModelWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A network defined and trained in Java runs the very recipe run the CLI runs: same checkpoint kind, same bits. */
class QuantTrainingTest {
    @TempDir
    Path tmp;

    private static NetworkSpec net() {
        return NetworkBuilder.input(1, 8, 8).precision("w1a2")
                .conv(8, 3).pad(1).maxPool(2)
                .flatten()
                .dense(4).precision("w8a8")
                .build();
    }

    @Test
    void trainsOnAPngFolderWritesWhatTrainRecipeWritesAndEqualsTheJsonRecipe() throws Exception {
        UserDataFixtures.writePngFolder(tmp.resolve("digits"), 4, 25, 8, 1, false);
        DataSource data = DataSource.resolve(tmp.resolve("digits").toString(), null, tmp.resolve("cache"));
        QuantTraining training = QuantTraining.of(net()).adam(0.01).epochs(3).batch(16).seed(5).writingTo(tmp.resolve("run"));
        RecipeRun.Result java = training.train(data);
        assertTrue(java.integerAccuracy() >= 0.9, "integer accuracy " + java.integerAccuracy());
        for (String f : new String[] {"checkpoint.ckpt", "log.jsonl", "loss.png", "accuracy.png", "model.dot4j"}) {
            assertTrue(Files.isRegularFile(tmp.resolve("run").resolve(f)), f);
        }
        Path ck = tmp.resolve("run/checkpoint.ckpt");
        assertEquals(RecipeRun.CHECKPOINT_KIND, Checkpoint.read(ck).meta().path("kind").asText());
        assertEquals(java.model(), Lowering.lower(RecipeCheckpoints.load(ck)));

        // the same settings written as a recipe file give the same bits
        Recipe recipe = training.recipe(data.canonical());
        assertEquals(net(), recipe.network());
        Path file = tmp.resolve("same.json");
        Files.writeString(file, recipe.json().toPrettyString());
        Recipe fromFile = RecipeParser.read(file);
        var sets = RecipeData.load(fromFile, tmp.resolve("cache"));
        RecipeRun.Result json = RecipeRun.run(fromFile, sets[0], sets[1], s -> { });
        assertArrayEquals(ModelWriter.toBytes(java.model()), ModelWriter.toBytes(json.model()));
    }
}
