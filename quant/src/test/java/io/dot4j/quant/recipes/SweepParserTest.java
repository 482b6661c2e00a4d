package io.dot4j.quant.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.quant.network.LayerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Sweep recipes: grid expansion, sampling, stable ids, and errors that name the key. */
class SweepParserTest {
    private static final String BASE = """
            {"dataset": "mnist", "precision": "w1a2",
             "layers": [{"type": "conv", "out": 8, "kernel": 3},
                        {"type": "maxpool", "kernel": 2},
                        {"type": "flatten"},
                        {"type": "dense", "out": 10}],
             "distillation": {"teacher": "t.ckpt"}, "epochs": 1}""";

    private static Sweep parse(String rest, Path dir) throws Exception {
        return SweepParser.parse("{\"base\": " + BASE + ", " + rest + "}", "sweep.json", dir);
    }

    @Test
    void theGridIsTheProductInKeyOrderWithTheLastKeyFastest(@TempDir Path dir) throws Exception {
        Sweep s = parse("""
                "grid": {"layers[0].out": [8, 16], "layers[2]": [{"type": "flatten"}, {"type": "sumpool"}],
                         "distillation": [null], "seed": [1, 2, 3]}""", dir);
        assertEquals(12, s.gridSize());
        assertEquals(12, s.points().size());
        SweepPoint first = s.points().getFirst(), second = s.points().get(1), last = s.points().getLast();
        assertEquals("layers[0].out=8, layers[2]={\"type\":\"flatten\"}, distillation=null, seed=1", first.describe());
        assertEquals(2, second.recipe().seed());
        assertEquals(16, ((LayerSpec.Conv) last.recipe().network().layers().get(0)).outChannels());
        assertTrue(last.recipe().network().layers().get(2) instanceof LayerSpec.GlobalSumPool);
        assertNull(first.recipe().distillation(), "null removes the key");
        Set<String> ids = new HashSet<>();
        s.points().forEach(p -> ids.add(p.id()));
        assertEquals(12, ids.size(), "ids are distinct");
        assertTrue(first.id().matches("pt-[0-9a-f]{10}"), first.id());
    }

    @Test
    void labelsNameLongValues(@TempDir Path dir) throws Exception {
        Sweep s = parse("\"grid\": {\"layers[2]\": [{\"type\": \"flatten\"}, {\"type\": \"sumpool\"}]},"
                + " \"labels\": {\"layers[2]\": [\"flat\", \"sum\"]}", dir);
        assertEquals("layers[2]=sum", s.points().get(1).describe());
        assertTrue(s.points().get(1).recipe().network().layers().get(2) instanceof LayerSpec.GlobalSumPool);
        assertEquals("sweep.json: labels.layers[2]: expected 2 names (one per value of grid.layers[2]), got 1",
                assertThrows(RecipeException.class, () -> parse("\"grid\": {\"layers[2]\": [{\"type\": \"flatten\"},"
                        + " {\"type\": \"sumpool\"}]}, \"labels\": {\"layers[2]\": [\"flat\"]}", dir)).getMessage());
        assertTrue(assertThrows(RecipeException.class, () -> parse("\"grid\": {\"seed\": [1]}, \"labels\": {\"epochs\": [\"x\"]}",
                dir)).getMessage().startsWith("sweep.json: labels.epochs: not a grid key"));
    }

    @Test
    void idsDependOnTheRecipeNotOnThePositionInTheGrid(@TempDir Path dir) throws Exception {
        Sweep small = parse("\"grid\": {\"seed\": [2]}", dir);
        Sweep large = parse("\"grid\": {\"seed\": [1, 2, 3]}", dir);
        assertEquals(small.points().getFirst().id(), large.points().get(1).id());
        assertNotEquals(large.points().get(0).id(), large.points().get(1).id());
    }

    @Test
    void theSeedsOfOneRecipeShareAConfigurationId(@TempDir Path dir) throws Exception {
        Sweep seeds = parse("\"grid\": {\"seed\": [1, 2, 3]}", dir);
        assertEquals(1, seeds.points().stream().map(SweepPoint::configId).distinct().count());
        assertTrue(seeds.points().getFirst().configId().matches("cf-[0-9a-f]{10}"));
        Sweep rates = parse("\"grid\": {\"optimizer.lr\": [0.01, 0.02], \"seed\": [1, 2]}", dir);
        List<String> c = rates.points().stream().map(SweepPoint::configId).toList();
        assertEquals(2, new HashSet<>(c).size(), "two learning rates, two configurations: " + c);
    }

    @Test
    void aSeededSampleIsReproducibleAndDistinct(@TempDir Path dir) throws Exception {
        String g = "\"grid\": {\"layers[0].out\": [4, 8, 12, 16], \"seed\": [1, 2, 3, 4, 5]}, \"sample\": {\"count\": 6, \"seed\": %d}";
        Sweep a = parse(g.formatted(7), dir), b = parse(g.formatted(7), dir), c = parse(g.formatted(8), dir);
        assertEquals(20, a.gridSize());
        assertEquals(6, a.points().size());
        List<String> ia = a.points().stream().map(SweepPoint::id).toList();
        assertEquals(ia, b.points().stream().map(SweepPoint::id).toList());
        assertNotEquals(ia, c.points().stream().map(SweepPoint::id).toList());
        assertEquals(6, new HashSet<>(ia).size());
    }

    @Test
    void theBaseMayBeARecipeFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("base.json"), BASE);
        Sweep s = SweepParser.parse("{\"base\": \"base.json\", \"grid\": {\"optimizer.lr\": [0.01, 0.02]}}", "sweep.json", dir);
        assertEquals(0.02, s.points().get(1).recipe().optimizer().lr());
        assertEquals(dir.resolve("t.ckpt").toString(), s.points().get(1).recipe().distillation().teacher(),
                "paths resolve against the sweep's folder");
    }

    @Test
    void errorsNameTheKeyPath(@TempDir Path dir) {
        assertEquals("sweep.json: grid.layers[7].out: the base recipe has no layers[7] (it has 4 elements)",
                assertThrows(RecipeException.class, () -> parse("\"grid\": {\"layers[7].out\": [8]}", dir)).getMessage());
        assertEquals("sweep.json: grid.seed: expected a non-empty list of values",
                assertThrows(RecipeException.class, () -> parse("\"grid\": {\"seed\": []}", dir)).getMessage());
        assertEquals("sweep.json: grid.seed: expected an array, got 3",
                assertThrows(RecipeException.class, () -> parse("\"grid\": {\"seed\": 3}", dir)).getMessage());
        assertTrue(assertThrows(RecipeException.class, () -> parse("\"grid\": {\"seed\": [1]}, \"extra\": 1", dir))
                .getMessage().startsWith("sweep.json: extra: unknown key"));
        assertEquals("sweep.json: sample.count: expected 1..2147483647, got 0",
                assertThrows(RecipeException.class, () -> parse("\"grid\": {\"seed\": [1]}, \"sample\": {\"count\": 0}", dir))
                        .getMessage());
        String bad = assertThrows(RecipeException.class, () -> parse("\"grid\": {\"layers[0].activationBits\": [2, 12]}", dir)).getMessage();
        assertTrue(bad.matches("sweep\\.json: point pt-[0-9a-f]{10} \\(layers\\[0]\\.activationBits=12\\): layers\\[0]\\.activationBits: expected 1\\.\\.8, got 12"),
                bad);
        assertTrue(assertThrows(RecipeException.class, () -> SweepParser.parse("{\"base\": {", "sweep.json", dir))
                .getMessage().startsWith("sweep.json: line 1, column "));
        assertEquals("sweep.json: base: no such recipe file: " + dir.resolve("nope.json"), assertThrows(RecipeException.class,
                () -> SweepParser.parse("{\"base\": \"nope.json\", \"grid\": {\"seed\": [1]}}", "sweep.json", dir)).getMessage());
    }

    @Test
    void theShippedSweepsParse() throws Exception {
        Path recipes = Path.of("..").toAbsolutePath().normalize().resolve("recipes");
        for (String name : List.of("sweep-tiny-mnist.json", "sweep-tiny-fashion.json", "sweep-tiny-mnist-seeds.json",
                "sweep-tiny-fashion-seeds.json", "sweep-tiny-mnist-two-stage-seeds.json", "sweep-tiny-fashion-two-stage-seeds.json")) {
            Sweep s = SweepParser.read(recipes.resolve(name));
            assertTrue(s.points().size() >= 2, name);
            for (SweepPoint p : s.points()) {
                // the budget of the tiny family: every point's lowered file (thresholds of these layers need at most
                // 2 bytes whatever the training, since |accumulator| <= 9 * 255 * 7 for a first conv of 4-bit weights and
                // less after it; only the final dense's bias may widen, by at most 10 bytes)
                var net = RecipeRun.buildNetwork(p.recipe(), 1, 28, 28, 10);
                net.eval();
                int bytes = io.dot4j.runtime.format.ModelWriter.toBytes(io.dot4j.quant.lowering.Lowering.lower(net)).length;
                assertTrue(bytes <= 3440, name + " " + p.describe() + ": " + bytes + " bytes");
            }
        }
    }

    @Test
    void theShippedTinyRecipesFitTheHeadlineBudget() throws Exception {
        Path recipes = Path.of("..").toAbsolutePath().normalize().resolve("recipes");
        for (String name : List.of("tiny-mnist-headline.json", "tiny-mnist-distilled.json", "tiny-fashion.json", "tiny-w1a2-mnist.json",
                "tiny-mnist-two-stage.json", "tiny-fashion-two-stage.json")) {
            Recipe r = RecipeParser.read(recipes.resolve(name));
            var net = RecipeRun.buildNetwork(r, 1, 28, 28, 10);
            net.eval();
            int bytes = io.dot4j.runtime.format.ModelWriter.toBytes(io.dot4j.quant.lowering.Lowering.lower(net)).length;
            assertTrue(bytes <= 3440, name + ": " + bytes + " bytes");
        }
    }
}
