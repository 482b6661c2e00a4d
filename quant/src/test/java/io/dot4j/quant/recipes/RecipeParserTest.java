package io.dot4j.quant.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.quant.layers.Precision;
import io.dot4j.quant.layers.WeightKind;
import io.dot4j.quant.network.LayerSpec;
import io.dot4j.quant.pruning.Pruning;
import io.dot4j.quant.quantizers.Scaling;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

class RecipeParserTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static String error(String json) {
        return assertThrows(RecipeException.class, () -> RecipeParser.parse(json, "recipe.json", ROOT)).getMessage();
    }

    private static String tiny(String layer2) {
        return """
                {"dataset": "mnist", "layers": [
                  {"type": "conv", "out": 4, "kernel": 3},
                  {"type": "maxpool", "kernel": 2},
                  %s,
                  {"type": "flatten"},
                  {"type": "dense", "out": 10}]}""".formatted(layer2);
    }

    @Test
    void shippedRecipesParse() throws Exception {
        Path lenet = ROOT.resolve("recipes/lenet5-w1a2.json");
        assertTrue(Files.isRegularFile(lenet), "expected " + lenet);
        Recipe a = RecipeParser.read(lenet);
        assertEquals("lenet5", a.zoo());
        assertEquals(Precision.parse("w1a2"), a.precision());
        assertEquals(1, a.augmentation().maxShift());
        Recipe b = RecipeParser.read(ROOT.resolve("recipes/tiny-binary-cnn.json"));
        assertNull(b.zoo());
        assertEquals(6, b.network().layers().size());
        LayerSpec.Dense last = (LayerSpec.Dense) b.network().layers().getLast();
        assertTrue(last.bias());
        assertEquals(Scaling.PER_TENSOR, last.precision().scaling());
        assertEquals(0.005, b.optimizer().lr());
        assertEquals("cosine", b.schedule().kind());
    }

    @Test
    void layerPrecisionKeysOverrideTheDefault() {
        Recipe r = RecipeParser.parse(tiny("""
                {"type": "conv", "out": 8, "kernel": 3, "weights": "uniform", "bits": 4, "activationBits": 3, "pact": true}"""),
                "recipe.json", ROOT);
        LayerSpec.Conv c = (LayerSpec.Conv) r.network().layers().get(2);
        assertEquals(new Precision(WeightKind.UNIFORM, 4, Scaling.PER_CHANNEL, 3, 2f, true), c.precision());
        assertEquals(Precision.parse("w1a2"), ((LayerSpec.Conv) r.network().layers().get(0)).precision());
    }

    @Test
    void errorsNameTheKeyPath() {
        assertEquals("recipe.json: layers[2].bits: expected 1..8, got 12",
                error(tiny("{\"type\": \"conv\", \"out\": 8, \"kernel\": 3, \"weights\": \"uniform\", \"bits\": 12}")));
        assertEquals("recipe.json: layers[2].bits: binary weights have 1 bit, got 2",
                error(tiny("{\"type\": \"conv\", \"out\": 8, \"kernel\": 3, \"bits\": 2}")));
        assertTrue(error(tiny("{\"type\": \"conv\", \"out\": 8, \"kernel\": 3, \"strid\": 2}"))
                .startsWith("recipe.json: layers[2].strid: unknown key; expected one of [type, out, kernel, stride, pad, bias"));
        assertEquals("recipe.json: layers[2].type: expected one of [conv, maxpool, flatten, sumpool, dense], got \"pool\"",
                error(tiny("{\"type\": \"pool\"}")));
        assertEquals("recipe.json: layers[2].out: missing; expected an integer 1..65535",
                error(tiny("{\"type\": \"conv\", \"kernel\": 3}")));
        assertEquals("recipe.json: layers[2]: pooling kernel 20 exceeds the input 13x13",
                error(tiny("{\"type\": \"maxpool\", \"kernel\": 20}")));
        assertEquals("recipe.json: optimizer.lr: expected a number in (0, 10], got -1",
                error("{\"dataset\": \"mnist\", \"network\": \"lenet5\", \"optimizer\": {\"lr\": -1}}"));
        assertEquals("recipe.json: dataset: expected a non-empty string, got 3",
                error("{\"dataset\": 3, \"network\": \"lenet5\"}"));
        assertEquals("recipe.json: network: expected one of [lenet300, lenet5], got \"resnet\"",
                error("{\"dataset\": \"mnist\", \"network\": \"resnet\"}"));
        assertEquals("recipe.json: pruning.target: expected a number in [0, 0.999], got 1.5",
                error("{\"dataset\": \"mnist\", \"network\": \"lenet5\", \"pruning\": {\"target\": 1.5}}"));
        assertEquals("recipe.json: epochss: unknown key; expected one of [dataset, precision, network, layers, init, overrides, "
                        + "input, optimizer, schedule, epochs, batch, augmentation, pruning, distillation, seed, pretrain]",
                error("{\"dataset\": \"mnist\", \"network\": \"lenet5\", \"epochss\": 3}"));
        assertEquals("recipe.json: overrides.conv1: expected a name like w1a2, wta2 or w8a4 (weights 1, t or 2..8; activations "
                        + "1..8), actual 'w9a2'",
                error("{\"dataset\": \"mnist\", \"network\": \"lenet5\", \"overrides\": {\"conv1\": \"w9a2\"}}"));
        assertEquals("recipe.json: missing \"network\" (a zoo name) or \"layers\" (a layer list)", error("{\"dataset\": \"mnist\"}"));
        assertEquals("recipe.json: distillation.temperature: expected a number in (0, 100], got 0",
                error("{\"dataset\": \"mnist\", \"network\": \"lenet5\", \"distillation\": {\"teacher\": \"t.ckpt\", "
                        + "\"temperature\": 0}}"));
    }

    @Test
    void aDatasetIsANameOrAPathRelativeToTheRecipe() {
        assertEquals("fashion-mnist", RecipeParser.parse("{\"dataset\": \"fashion-mnist\", \"network\": \"lenet5\"}",
                "recipe.json", ROOT).dataset());
        assertEquals(ROOT.resolve("digits").toString(), RecipeParser.parse(
                "{\"dataset\": \"digits\", \"network\": \"lenet5\"}", "recipe.json", ROOT).dataset());
        Recipe r = RecipeParser.parse("{\"dataset\": {\"name\": \"../data/d.csv\", \"trainLimit\": 5}, \"network\":"
                + " \"lenet300\"}", "recipe.json", ROOT);
        assertEquals(ROOT.resolve("../data/d.csv").normalize().toString(), r.dataset());
        assertEquals(5, r.trainLimit());
        assertEquals("/abs/set", RecipeParser.parse("{\"dataset\": \"/abs/set\", \"network\": \"lenet5\"}", "recipe.json",
                ROOT).dataset());
    }

    @Test
    void badJsonNamesTheLineAndColumn() {
        String m = error("{\n  \"dataset\": \"mnist\",\n  \"network\" \"lenet5\"\n}");
        assertTrue(m.startsWith("recipe.json: line 3, column "), m);
        assertTrue(error("{\"dataset\": \"mnist\", \"dataset\": \"mnist\"}").contains("Duplicate field 'dataset'"));
        assertTrue(error("[1, 2]").startsWith("recipe.json: expected an object"));
    }

    @Test
    void pruningAndDistillationSettings() {
        Recipe r = RecipeParser.parse("""
                {"dataset": {"name": "fashion-mnist", "trainLimit": 100}, "network": "lenet300", "epochs": 6,
                 "pruning": {"target": 0.75, "scope": "global", "startEpoch": 1, "endEpoch": 4, "frequency": 10},
                 "distillation": {"teacher": "runs/teacher.ckpt", "alpha": 0.7, "temperature": 3}}""", "r.json", ROOT);
        assertEquals(new Recipe.PruningSpec(0.75, Pruning.Scope.GLOBAL, 1, 4, 10), r.pruning());
        assertEquals(ROOT.resolve("runs/teacher.ckpt").toString(), r.distillation().teacher());
        assertEquals(100, r.trainLimit());
        assertEquals("fashion-mnist", r.dataset());
    }

    @Test
    void augmentationShiftAndFlip() {
        Recipe r = RecipeParser.parse("""
                {"dataset": "fashion-mnist", "network": "lenet300", "augmentation": {"shift": 2, "flip": true}}""",
                "r.json", ROOT);
        assertEquals(new io.dot4j.core.train.Augmentation(2, true), r.augmentation());
        Recipe none = RecipeParser.parse("{\"dataset\": \"mnist\", \"network\": \"lenet300\"}", "r.json", ROOT);
        assertTrue(none.augmentation().isNone());
        String m = error("{\"dataset\": \"mnist\", \"network\": \"lenet300\", \"augmentation\": {\"flip\": 1}}");
        assertTrue(m.contains("augmentation.flip"), m);
    }

    @Test
    void pretrainIsTheSameRecipeAtItsOwnPrecisionAndLength() {
        String json = tiny("{\"type\": \"conv\", \"out\": 8, \"kernel\": 3, \"weights\": \"uniform\", \"bits\": 4}").replace("{\"dataset\": \"mnist\",",
                "{\"dataset\": \"mnist\", \"epochs\": 7, \"optimizer\": {\"lr\": 0.001},"
                        + " \"pruning\": {\"target\": 0.5}, \"pretrain\": {\"precision\": \"w8a8\", \"epochs\": 3},");
        Recipe r = RecipeParser.parse(json, "recipe.json", ROOT);
        Recipe first = r.pretrain();
        assertEquals("recipe.json (pretrain)", first.source());
        assertEquals(3, first.epochs());
        assertEquals(Precision.parse("w8a8"), first.precision());
        assertEquals(Precision.parse("w8a8"), ((LayerSpec.Conv) first.network().layers().get(0)).precision());
        assertEquals(4, ((LayerSpec.Conv) first.network().layers().get(2)).precision().weightBits(), "a layer's own keys stay");
        assertEquals(0.001, first.optimizer().lr(), "optimizer from the recipe unless pretrain gives one");
        assertNull(first.pruning());
        assertNull(first.pretrain());
        assertEquals(7, r.epochs());
        assertEquals(Precision.parse("w1a2"), r.precision());
        assertTrue(r.pruning() != null);
    }

    @Test
    void pretrainNeedsPrecisionAndEpochsAndNothingElse() {
        String base = tiny("{\"type\": \"conv\", \"out\": 8, \"kernel\": 3}");
        assertEquals("recipe.json: pretrain.epochs: missing; pretrain needs a precision and a number of epochs",
                error(base.replace("{\"dataset\"", "{\"pretrain\": {\"precision\": \"w8a8\"}, \"dataset\"")));
        String unknown = error(base.replace("{\"dataset\"", "{\"pretrain\": {\"precision\": \"w8a8\", \"epochs\": 2, \"seed\": 4},"
                + " \"dataset\""));
        assertTrue(unknown.startsWith("recipe.json: pretrain.seed: unknown key"), unknown);
        String bad = error(base.replace("{\"dataset\"", "{\"pretrain\": {\"precision\": \"w9a8\", \"epochs\": 2}, \"dataset\""));
        assertTrue(bad.startsWith("recipe.json (pretrain): precision: "), bad);
    }
}
