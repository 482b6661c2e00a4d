package io.dot4j.quant.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.core.data.DataFormatException;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.data.UserDataFixtures;
import io.dot4j.core.train.Checkpoint;
import io.dot4j.quant.lowering.Lowering;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recipes on users' own data (a PNG folder, a CSV file), named by a path relative to the recipe. */
class UserDataRecipeTest {
    @TempDir
    Path dir;

    private static final String LAYERS = """
            "precision": "w1a2",
            "layers": [{"type": "conv", "out": 8, "kernel": 3, "pad": 1},
                       {"type": "maxpool", "kernel": 2},
                       {"type": "flatten"},
                       {"type": "dense", "out": 4, "bias": true, "scaling": "tensor"}],
            "optimizer": {"kind": "adam", "lr": 0.01}, "epochs": 4, "batch": 16, "seed": 5""";

    private Recipe recipe(String dataset, String extra) throws Exception {
        Path file = dir.resolve("recipes/r.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"dataset\": \"" + dataset + "\", " + LAYERS + extra + "}");
        return RecipeParser.read(file);
    }

    @Test
    void aLayerListTakesItsInputFromAPngFolderAndTheCheckpointStatesIt() throws Exception {
        UserDataFixtures.writePngFolder(dir.resolve("digits"), 4, 25, 8, 1, false);
        Recipe r = recipe("../digits", "");
        assertEquals(dir.resolve("digits").toString(), r.dataset());
        Dataset[] data = RecipeData.load(r, dir.resolve("cache"));
        assertEquals(80, data[0].count());
        assertEquals(20, data[1].count());
        assertEquals(8, data[0].height());
        Path out = dir.resolve("run");
        RecipeRun.Result res = RecipeRun.run(r, data[0], data[1], RecipeRun.Options.writingTo(out), s -> { });
        assertTrue(res.integerAccuracy() >= 0.9, "bands are easy: integer accuracy " + res.integerAccuracy());
        assertEquals(8, res.model().input().height());
        Checkpoint ck = Checkpoint.read(out.resolve("checkpoint.ckpt"));
        assertEquals("[1,8,8]", ck.meta().path("recipe").path("input").toString());
        assertEquals(res.model(), Lowering.lower(RecipeCheckpoints.load(out.resolve("checkpoint.ckpt"))));
        assertEquals(dir.resolve("digits").toString(), RecipeCheckpoints.recipeOf(ck).dataset());
    }

    @Test
    void aCsvFileTrainsAndAStatedInputMustMatchIt() throws Exception {
        UserDataFixtures.writeCsv(dir.resolve("bands.csv"), 4, 100, 8, 2, true);
        Recipe r = recipe("../bands.csv", "");
        Dataset[] data = RecipeData.load(r, dir.resolve("cache"));
        RecipeRun.Result res = RecipeRun.run(r, data[0], data[1], s -> { });
        assertTrue(res.integerAccuracy() >= 0.9, "integer accuracy " + res.integerAccuracy());
        Recipe stated = recipe("../bands.csv", ", \"input\": [1, 28, 28]");
        DataFormatException e = assertThrows(DataFormatException.class, () -> RecipeData.load(stated, dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("bands.csv") + " at line 1"), e.getMessage());
    }

    @Test
    void aZooNetworkSaysWhyItCannotTakeSmallImagesAndAMissingPathIsNamed() throws Exception {
        UserDataFixtures.writePngFolder(dir.resolve("digits"), 4, 5, 8, 1, false);
        Path file = dir.resolve("zoo.json");
        Files.writeString(file, "{\"dataset\": \"digits\", \"network\": \"lenet5\", \"epochs\": 1}");
        Recipe r = RecipeParser.read(file);
        Dataset[] data = RecipeData.load(r, dir);
        RecipeException e = assertThrows(RecipeException.class, () -> RecipeRun.run(r, data[0], data[1], s -> { }));
        assertEquals("zoo.json: network: model lenet5: expected an input of at least 16x16, actual 8x8 (the images of "
                + dir.resolve("digits") + " are 1x8x8; lenet300 or a \"layers\" list takes any size)", e.getMessage());
        Files.writeString(file, "{\"dataset\": \"nowhere\", \"network\": \"lenet5\"}");
        RecipeException missing = assertThrows(RecipeException.class, () -> RecipeData.load(RecipeParser.read(file), dir));
        assertTrue(missing.getMessage().startsWith("zoo.json: dataset: " + dir.resolve("nowhere") + ": unknown data set"),
                missing.getMessage());
    }
}
