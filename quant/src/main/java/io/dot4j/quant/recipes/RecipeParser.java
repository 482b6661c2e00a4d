package io.dot4j.quant.recipes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dot4j.core.data.NamedDatasets;
import io.dot4j.core.train.Augmentation;
import io.dot4j.core.zoo.ModelZoo;
import io.dot4j.quant.layers.Precision;
import io.dot4j.quant.layers.WeightKind;
import io.dot4j.quant.network.LayerSpec;
import io.dot4j.quant.network.NetworkShapes;
import io.dot4j.quant.network.NetworkSpec;
import io.dot4j.runtime.io.InputFiles;
import io.dot4j.runtime.limits.ResourceLimits;
import io.dot4j.quant.pruning.Pruning;
import io.dot4j.quant.quantizers.Scaling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON recipe. Top-level keys (all but {@code dataset} and one of {@code network} / {@code layers} optional):
 * <pre>
 * dataset       a named set ("mnist", "fashion-mnist") or a path relative to the recipe's folder (a folder of IDX
 *               files, of train.csv and test.csv, of images in class sub-folders, or a CSV file: see
 *               io.dot4j.core.data.DataSource), or {"name": either, "trainLimit", "testLimit"}
 * network       a zoo name ("lenet5", "lenet300"), made quantized as QuantizedNetwork.fromFloat does
 * init          a checkpoint to start from (relative to the recipe's folder): for a zoo network, a float checkpoint
 *               of it; for a layer list, the checkpoint of a recipe run of the same layers at any precision whose
 *               quantizers have the same parameters (two-stage training: e.g. w8a8 first, then w1a2 from it)
 * overrides     {"conv1": precision, ...} per zoo layer
 * input         [C, H, W] of a layer list (default: the data's shape; the layers are first checked at 1x28x28)
 * layers        [{"type": "conv", "out", "kernel", "stride" (1), "pad" (0), "bias" (false), precision keys},
 *                {"type": "maxpool", "kernel", "stride" (= kernel)}, {"type": "flatten"}, {"type": "sumpool"},
 *                {"type": "dense", "out", "bias" (true for the last layer, else false), precision keys}]
 * precision     default precision: "w1a2"-style name or {"weights": binary|ternary|uniform, "bits" 1..8,
 *               "scaling": channel|tensor, "activationBits" 1..8, "clip" > 0, "pact" bool}; a layer may give
 *               "precision" (same forms) and/or the individual keys, each falling back to the default
 * optimizer     {"kind": sgd|adam|adamw, "lr", "momentum", "nesterov", "weightDecay", "maxGradNorm"}
 * schedule      "constant" | "cosine" | "step" | {"kind", "minLr", "gamma", "everyEpochs", "warmupEpochs"}
 * epochs, batch, seed
 * augmentation  {"shift": pixels, "flip": left-right mirroring (boolean, default false; for clothing, not digits)}
 * pruning       {"target" [0, 1), "scope": layer|global, "startEpoch", "endEpoch", "frequency" (steps)}
 * distillation  {"teacher": float checkpoint, "alpha" [0, 1], "temperature" > 0}
 * pretrain      {"precision", "epochs", "optimizer", "schedule"}: train the same recipe at this precision first (no
 *               pruning), then this one from its weights (two-stage training)
 * </pre>
 * Unknown keys and bad values are errors naming the file and the key path, e.g.
 * {@code recipe.json: layers[2].bits: expected 1..8, got 12}.
 */
public final class RecipeParser {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RecipeParser() {
    }

    /** Reads and validates a recipe file; relative paths inside resolve against its folder. */
    public static Recipe read(Path file) throws IOException {
        byte[] bytes = InputFiles.readAllBytes(file, JsonText.MAX_BYTES);
        return fromJson(JsonText.parse(MAPPER, bytes, file.getFileName().toString()), file.getFileName().toString(),
                file.toAbsolutePath().getParent());
    }

    /** Parses recipe text; {@code name} prefixes messages, {@code dir} resolves relative paths. */
    public static Recipe parse(String text, String name, Path dir) {
        return fromJson(JsonText.parse(MAPPER, text.getBytes(StandardCharsets.UTF_8), name), name, dir);
    }

    /** Validates an already parsed recipe (e.g. one stored in a checkpoint). */
    public static Recipe fromJson(JsonNode root, String name, Path dir) {
        JsonObject r = new JsonObject(name, "", root);
        String dataset;
        int trainLimit = 0, testLimit = 0;
        JsonNode ds = r.raw("dataset");
        if (ds != null && ds.isObject()) {
            JsonObject d = r.object("dataset");
            dataset = dataset(dir, d, "name");
            trainLimit = d.integer("trainLimit", 0, Integer.MAX_VALUE, 0);
            testLimit = d.integer("testLimit", 0, Integer.MAX_VALUE, 0);
            d.done();
        } else {
            dataset = dataset(dir, r, "dataset");
        }
        Precision precision = r.has("precision") ? precision(r, "precision", r.raw("precision"), Precision.parse("w1a2"))
                : Precision.parse("w1a2");
        String zoo = null, init = null;
        NetworkSpec network = null;
        Map<String, Precision> overrides = new LinkedHashMap<>();
        boolean hasNet = r.has("network"), hasLayers = r.has("layers");
        if (hasNet == hasLayers) {
            throw r.error("", hasNet ? "give either \"network\" (a zoo name) or \"layers\", not both"
                    : "missing \"network\" (a zoo name) or \"layers\" (a layer list)");
        }
        if (hasNet) {
            zoo = r.oneOf("network", ModelZoo.NAMES, null);
            if (r.has("init")) {
                init = resolve(dir, r, "init");
            }
            if (r.has("overrides")) {
                JsonObject o = r.object("overrides");
                for (var e : r.raw("overrides").properties()) {
                    overrides.put(e.getKey(), precision(o, e.getKey(), o.raw(e.getKey()), precision));
                }
                o.done();
            }
            if (r.has("input")) {
                throw r.error("input", "only for a layer list; a zoo network takes the data set's shape");
            }
        } else {
            if (r.has("overrides")) {
                throw r.error("overrides", "only for a zoo \"network\"; a layer list gives each layer's precision itself");
            }
            if (r.has("init")) {
                init = resolve(dir, r, "init");
            }
            int[] input = {1, 28, 28};
            if (r.has("input")) {
                List<JsonNode> in = r.array("input");
                if (in.size() != 3) {
                    throw r.error("input", "expected [channels, height, width], got " + in.size() + " numbers");
                }
                for (int i = 0; i < 3; i++) {
                    JsonNode v = in.get(i);
                    if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > 65535) {
                        throw r.error("input[" + i + "]", "expected 1..65535, got " + JsonObject.describe(v));
                    }
                    input[i] = v.asInt();
                }
            }
            network = layers(r, precision, input);
        }
        Recipe.OptimizerSpec optimizer = optimizer(r);
        Recipe.ScheduleSpec schedule = schedule(r);
        int epochs = r.integer("epochs", 1, 100_000, 10);
        int batch = r.integer("batch", 1, 1 << 20, 64);
        Augmentation augmentation = Augmentation.NONE;
        if (r.has("augmentation")) {
            JsonObject a = r.object("augmentation");
            augmentation = new Augmentation(a.integer("shift", 0, 255, 0), a.bool("flip", false));
            a.done();
        }
        Recipe.PruningSpec pruning = null;
        if (r.has("pruning")) {
            JsonObject p = r.object("pruning");
            double target = p.number("target", 0, 0.999, false, null);
            String scope = p.oneOf("scope", List.of("layer", "global"), "layer");
            int start = p.integer("startEpoch", 0, epochs - 1, 0);
            int end = p.integer("endEpoch", start, epochs, Math.max(start, epochs / 2));
            int freq = p.integer("frequency", 1, Integer.MAX_VALUE, 50);
            p.done();
            pruning = new Recipe.PruningSpec(target, scope.equals("global") ? Pruning.Scope.GLOBAL : Pruning.Scope.PER_LAYER,
                    start, end, freq);
        }
        Recipe.DistillationSpec distillation = null;
        if (r.has("distillation")) {
            JsonObject d = r.object("distillation");
            String teacher = resolve(dir, d, "teacher");
            double alpha = d.number("alpha", 0, 1, false, 0.5);
            double temperature = d.number("temperature", 0, 100, true, 4.0);
            d.done();
            distillation = new Recipe.DistillationSpec(teacher, alpha, temperature);
        }
        long seed = r.longValue("seed", Long.MIN_VALUE, Long.MAX_VALUE, 1L);
        Recipe pretrain = r.has("pretrain") ? pretrain(r, (ObjectNode) root, name, dir) : null;
        r.done();
        return new Recipe(name, (ObjectNode) root.deepCopy(), dataset, trainLimit, testLimit, zoo, init, network, precision, overrides,
                optimizer, schedule, epochs, batch, augmentation, pruning, distillation, seed,
                dir == null ? null : dir.toAbsolutePath().normalize().toString(), pretrain);
    }

    /**
     * The first stage of a two-stage run: this recipe with "pretrain"'s precision, epochs (both required), optimizer and
     * schedule (optional) in place of its own, and without pruning; validated like a recipe of its own.
     */
    private static Recipe pretrain(JsonObject r, ObjectNode root, String name, Path dir) {
        JsonObject p = r.object("pretrain");
        for (String required : List.of("precision", "epochs")) {
            if (!p.has(required)) {
                throw p.error(p.at(required), "missing; pretrain needs a precision and a number of epochs");
            }
        }
        ObjectNode stage = root.deepCopy();
        stage.remove(List.of("pretrain", "pruning"));
        for (String k : List.of("precision", "epochs", "optimizer", "schedule")) {
            if (p.has(k)) {
                stage.set(k, p.raw(k).deepCopy());
            }
        }
        p.done();
        return fromJson(stage, name + " (pretrain)", dir);
    }

    /** A named data set as it is, any other reference as a path resolved against the recipe's folder. */
    private static String dataset(Path dir, JsonObject o, String key) {
        String ref = o.text(key, null);
        return ref == null || NamedDatasets.find(ref).isPresent() ? ref : resolve(dir, o, key);
    }

    /** A file named by {@code key}, relative to the recipe's folder; a path the file system refuses is an error at the key. */
    private static String resolve(Path dir, JsonObject o, String key) {
        String p = o.text(key, null);
        Path path;
        try {
            path = Path.of(p);
        } catch (InvalidPathException e) {
            throw o.error(o.at(key), "not a usable file name: " + e.getReason() + " (" + JsonObject.describe(o.raw(key)) + ")");
        }
        return (path.isAbsolute() || dir == null ? path : dir.resolve(path)).normalize().toString();
    }

    private static Recipe.OptimizerSpec optimizer(JsonObject r) {
        if (!r.has("optimizer")) {
            return new Recipe.OptimizerSpec("adam", 1e-3, 0f, false, 0f, 0f);
        }
        JsonObject o = r.object("optimizer");
        String kind = o.oneOf("kind", List.of("sgd", "adam", "adamw"), "adam");
        double lr = o.number("lr", 0, 10, true, kind.equals("sgd") ? 0.01 : 1e-3);
        float momentum = (float) o.number("momentum", 0, 0.999, false, kind.equals("sgd") ? 0.9 : 0.0);
        boolean nesterov = o.bool("nesterov", false);
        float decay = (float) o.number("weightDecay", 0, 1, false, kind.equals("adamw") ? 0.01 : 0.0);
        float clip = (float) o.number("maxGradNorm", 0, 1e9, false, 0.0);
        o.done();
        if (!kind.equals("sgd") && (o.has("momentum") || o.has("nesterov"))) {
            throw o.error(o.at("momentum"), "momentum and nesterov are for sgd only");
        }
        if (nesterov && momentum == 0f) {
            throw o.error(o.at("nesterov"), "Nesterov needs a momentum > 0");
        }
        return new Recipe.OptimizerSpec(kind, lr, momentum, nesterov, decay, clip);
    }

    private static Recipe.ScheduleSpec schedule(JsonObject r) {
        List<String> kinds = List.of("constant", "cosine", "step");
        if (!r.has("schedule")) {
            return new Recipe.ScheduleSpec("cosine", 0, 0.1, 1, 0);
        }
        JsonNode s = r.raw("schedule");
        if (s.isTextual()) {
            String kind = r.oneOf("schedule", kinds, null);
            return new Recipe.ScheduleSpec(kind, 0, 0.1, 1, 0);
        }
        JsonObject o = r.object("schedule");
        String kind = o.oneOf("kind", kinds, null);
        double minLr = o.number("minLr", 0, 10, false, 0.0);
        double gamma = o.number("gamma", 0, 1, true, 0.1);
        int every = o.integer("everyEpochs", 1, 100_000, 1);
        int warmup = o.integer("warmupEpochs", 0, 100_000, 0);
        o.done();
        return new Recipe.ScheduleSpec(kind, minLr, gamma, every, warmup);
    }

    private static NetworkSpec layers(JsonObject r, Precision base, int[] input) {
        List<JsonNode> items = r.array("layers");
        if (items.isEmpty()) {
            throw r.error("layers", "expected at least one layer (the final dense)");
        }
        List<LayerSpec> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "layers[" + i + "]";
            JsonObject l = new JsonObject(r.file(), path, items.get(i));
            boolean last = i == items.size() - 1;
            String type = l.oneOf("type", List.of("conv", "maxpool", "flatten", "sumpool", "dense"), null);
            LayerSpec spec = switch (type) {
                case "conv" -> new LayerSpec.Conv(l.integer("out", 1, 65535, null), l.integer("kernel", 1, 255, null),
                        l.integer("stride", 1, 255, 1), l.integer("pad", 0, 255, 0), l.bool("bias", false), layerPrecision(l, base));
                case "maxpool" -> {
                    int k = l.integer("kernel", 1, 255, null);
                    yield new LayerSpec.MaxPool(k, l.integer("stride", 1, 255, k));
                }
                case "flatten" -> new LayerSpec.Flatten();
                case "sumpool" -> new LayerSpec.GlobalSumPool();
                default -> new LayerSpec.Dense(l.integer("out", 1, 1 << 24, null), l.bool("bias", last), layerPrecision(l, base));
            };
            l.done();
            out.add(spec);
        }
        NetworkSpec spec;
        try {
            spec = new NetworkSpec(input[0], input[1], input[2], out);
        } catch (IllegalArgumentException e) {
            // NetworkSpec names "layers[i]" itself
            throw new RecipeException(r.file() + ": " + e.getMessage().replaceFirst("^network: ", ""), e);
        }
        NetworkShapes.check(spec, ResourceLimits.current(), r.file()); // sized before anything is built
        return spec;
    }

    /** A layer's precision: its "precision" (name or object) over the default, then its own precision keys. */
    private static Precision layerPrecision(JsonObject l, Precision base) {
        Precision p = l.has("precision") ? precision(l, "precision", l.raw("precision"), base) : base;
        return precisionKeys(l, p);
    }

    private static Precision precision(JsonObject parent, String key, JsonNode node, Precision base) {
        if (node != null && node.isTextual()) {
            try {
                Precision named = Precision.parse(node.asText());
                return named.withActivation(named.activationBits(), base.clip(), base.pact());
            } catch (IllegalArgumentException e) {
                throw parent.error(parent.at(key), e.getMessage().replaceFirst("^precision: ", ""));
            }
        }
        JsonObject o = new JsonObject(parent.file(), parent.at(key), node);
        Precision p = precisionKeys(o, base);
        o.done();
        return p;
    }

    /** Applies the individual keys weights, bits, scaling, activationBits, clip, pact. */
    private static Precision precisionKeys(JsonObject o, Precision base) {
        WeightKind kind = base.weights();
        if (o.has("weights")) {
            kind = WeightKind.valueOf(o.oneOf("weights", List.of("binary", "ternary", "uniform"), null).toUpperCase(java.util.Locale.ROOT));
        }
        int defaultBits = kind == base.weights() ? base.weightBits() : switch (kind) {
            case BINARY -> 1;
            case TERNARY -> 2;
            case UNIFORM -> 8;
        };
        int bits = o.integer("bits", 1, 8, defaultBits);
        if (kind == WeightKind.BINARY && bits != 1) {
            throw o.error(o.at("bits"), "binary weights have 1 bit, got " + bits);
        }
        if (kind == WeightKind.TERNARY && bits != 2) {
            throw o.error(o.at("bits"), "ternary weights have 2 bits, got " + bits);
        }
        if (kind == WeightKind.UNIFORM && bits < 2) {
            throw o.error(o.at("bits"), "uniform weights need 2..8 bits, got " + bits + " (use \"weights\": \"binary\")");
        }
        Scaling scaling = base.scaling();
        if (o.has("scaling")) {
            scaling = o.oneOf("scaling", List.of("channel", "tensor"), null).equals("channel") ? Scaling.PER_CHANNEL : Scaling.PER_TENSOR;
        }
        int act = o.integer("activationBits", 1, 8, base.activationBits());
        float clip = (float) o.number("clip", 0, 1e6, true, (double) base.clip());
        boolean pact = o.bool("pact", base.pact());
        return new Precision(kind, bits, scaling, act, clip, pact);
    }
}
