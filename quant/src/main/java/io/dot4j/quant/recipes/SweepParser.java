package io.dot4j.quant.recipes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import io.dot4j.runtime.io.InputFiles;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a sweep recipe: a base recipe plus a grid of values for fields of it.
 * <pre>
 * {
 *   "base":   {recipe} | "recipe.json"            (a file relative to the sweep's folder)
 *   "grid":   {"layers[0].out": [8, 16],           key path into the recipe -> non-empty list of values
 *              "precision.activationBits": [1, 2],
 *              "layers[4]": [{"type": "flatten"}, {"type": "sumpool"}],
 *              "distillation": [null, {...}],      null removes the key
 *              "seed": [1, 2, 3]},
 *   "labels": {"layers": ["flatten", "sumpool"]}  (optional: short names of a key's values, for results and tables)
 *   "sample": {"count": 10, "seed": 7}            (optional: that many distinct grid points, seeded)
 * }
 * </pre>
 * Grid keys are applied in the order written (so {@code "layers"} can swap a whole layer list and a later
 * {@code "layers[0].out"} edit it); missing intermediate objects are created, array indices must exist. Every point's
 * recipe is validated as {@link RecipeParser} does; errors name the sweep file and key path, e.g.
 * {@code sweep.json: grid.layers[7].out: the base recipe has no layers[7] (it has 6 layers)}.
 */
public final class SweepParser {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern STEP = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");
    /** Refuses grids whose points could not all be validated in reasonable time anyway. */
    static final long MAX_GRID = 100_000;

    private SweepParser() {
    }

    public static Sweep read(Path file) throws IOException {
        byte[] bytes = InputFiles.readAllBytes(file, JsonText.MAX_BYTES);
        return parse(JsonText.parse(MAPPER, bytes, file.getFileName().toString()), file.getFileName().toString(),
                file.toAbsolutePath().getParent());
    }

    public static Sweep parse(String text, String name, Path dir) throws IOException {
        return parse(json(text, name), name, dir);
    }

    private static Sweep parse(JsonNode root, String name, Path dir) throws IOException {
        JsonObject s = new JsonObject(name, "", root);
        ObjectNode base;
        JsonNode b = s.raw("base");
        if (b != null && b.isTextual()) {
            Path f;
            try {
                f = dir == null ? Path.of(b.asText()) : dir.resolve(b.asText());
            } catch (InvalidPathException e) {
                throw s.error("base", "not a usable file name: " + e.getReason() + " (" + JsonObject.describe(b) + ")");
            }
            byte[] baseBytes;
            try {
                baseBytes = InputFiles.readAllBytes(f, JsonText.MAX_BYTES); // refuses /dev/zero, FIFOs, folders
            } catch (NoSuchFileException e) {
                throw s.error("base", "no such recipe file: " + f);
            } catch (IOException e) {
                throw s.error("base", e.getMessage());
            }
            JsonNode n = JsonText.parse(MAPPER, baseBytes, f.getFileName().toString());
            if (!n.isObject()) {
                throw s.error("base", f + " holds " + JsonObject.describe(n) + ", not a recipe object");
            }
            base = (ObjectNode) n;
        } else if (b != null && b.isObject()) {
            base = (ObjectNode) b;
        } else {
            throw s.error("base", "expected a recipe object or a recipe file name, got " + JsonObject.describe(b));
        }
        JsonObject grid = s.object("grid");
        Map<String, List<JsonNode>> axes = new LinkedHashMap<>();
        for (var e : s.raw("grid").properties()) {
            String key = e.getKey();
            String at = "grid." + key;
            if (!STEP_PATH.matcher(key).matches()) {
                throw s.error(at, "expected a key path such as layers[0].out or optimizer.lr");
            }
            List<JsonNode> values = grid.array(key);
            if (values.isEmpty()) {
                throw s.error(at, "expected a non-empty list of values");
            }
            if (new LinkedHashSet<>(values).size() != values.size()) {
                throw s.error(at, "a value is listed twice");
            }
            axes.put(key, values);
        }
        grid.done();
        if (axes.isEmpty()) {
            throw s.error("grid", "expected at least one key path with its values");
        }
        long size = 1;
        for (List<JsonNode> v : axes.values()) {
            size = Math.multiplyExact(size, v.size());
            if (size > MAX_GRID) {
                throw s.error("grid", "more than " + MAX_GRID + " points; sample fewer or split the sweep");
            }
        }
        Map<String, List<String>> labels = new LinkedHashMap<>();
        if (s.has("labels")) {
            JsonObject l = s.object("labels");
            for (var e : s.raw("labels").properties()) {
                String at = "labels." + e.getKey();
                if (!axes.containsKey(e.getKey())) {
                    throw s.error(at, "not a grid key; expected one of " + axes.keySet());
                }
                List<String> names = new ArrayList<>();
                for (JsonNode n : l.array(e.getKey())) {
                    if (!n.isTextual() || n.asText().isEmpty()) {
                        throw s.error(at, "expected non-empty strings, got " + JsonObject.describe(n));
                    }
                    names.add(n.asText());
                }
                if (names.size() != axes.get(e.getKey()).size()) {
                    throw s.error(at, "expected " + axes.get(e.getKey()).size() + " names (one per value of grid." + e.getKey()
                            + "), got " + names.size());
                }
                if (new LinkedHashSet<>(names).size() != names.size()) {
                    throw s.error(at, "a name is listed twice");
                }
                labels.put(e.getKey(), names);
            }
            l.done();
        }
        List<Long> chosen = new ArrayList<>();
        if (s.has("sample")) {
            JsonObject sample = s.object("sample");
            int count = sample.integer("count", 1, Integer.MAX_VALUE, null);
            long seed = sample.longValue("seed", Long.MIN_VALUE, Long.MAX_VALUE, 1L);
            sample.done();
            chosen.addAll(sample(size, count, seed));
        } else {
            for (long i = 0; i < size; i++) {
                chosen.add(i);
            }
        }
        s.done();

        List<SweepPoint> points = new ArrayList<>();
        Map<String, String> ids = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(axes.keySet());
        for (long index : chosen) {
            ObjectNode recipe = base.deepCopy();
            ObjectNode params = JsonNodeFactory.instance.objectNode();
            long rest = index;
            int[] pick = new int[keys.size()];
            for (int k = keys.size() - 1; k >= 0; k--) { // the last key varies fastest
                int n = axes.get(keys.get(k)).size();
                pick[k] = (int) (rest % n);
                rest /= n;
            }
            for (int k = 0; k < keys.size(); k++) {
                JsonNode v = axes.get(keys.get(k)).get(pick[k]);
                List<String> names = labels.get(keys.get(k));
                params.set(keys.get(k), names != null ? JsonNodeFactory.instance.textNode(names.get(pick[k])) : v.deepCopy());
                set(recipe, keys.get(k), v, s);
            }
            String id = id(recipe);
            String where = name + ": point " + id + " (" + describe(params) + ")";
            Recipe r = RecipeParser.fromJson(recipe, where, dir);
            String twin = ids.put(id, describe(params));
            if (twin != null) {
                throw s.error("grid", "points (" + twin + ") and (" + describe(params) + ") give the same recipe");
            }
            points.add(new SweepPoint(id, params, r));
        }
        return new Sweep(name, points, size);
    }

    private static final Pattern STEP_PATH = Pattern.compile(STEP.pattern() + "(?:\\." + STEP.pattern() + ")*");

    private static JsonNode json(String text, String name) {
        return JsonText.parse(MAPPER, text.getBytes(StandardCharsets.UTF_8), name);
    }

    /** Sets (or with null removes) the value at a key path such as {@code layers[0].out} inside a recipe. */
    private static void set(ObjectNode recipe, String path, JsonNode value, JsonObject s) {
        String[] steps = path.split("\\.");
        JsonNode node = recipe;
        StringBuilder done = new StringBuilder();
        for (int i = 0; i < steps.length; i++) {
            Matcher m = STEP.matcher(steps[i]);
            if (!m.matches()) {
                throw s.error("grid." + path, "bad key path step '" + steps[i] + "'");
            }
            String field = m.group(1);
            List<Integer> indices = new ArrayList<>();
            Matcher im = INDEX.matcher(m.group(2));
            while (im.find()) {
                indices.add(Integer.parseInt(im.group(1)));
            }
            boolean last = i == steps.length - 1;
            ObjectNode obj = (ObjectNode) node;
            done.append(done.isEmpty() ? "" : ".").append(field);
            if (indices.isEmpty() && last) {
                if (value.isNull()) {
                    obj.remove(field);
                } else {
                    obj.set(field, value.deepCopy());
                }
                return;
            }
            JsonNode child = obj.get(field);
            if (child == null || child.isNull()) {
                if (!indices.isEmpty()) {
                    throw s.error("grid." + path, "the base recipe has no " + done + " to index");
                }
                child = obj.putObject(field);
            }
            for (int j = 0; j < indices.size(); j++) {
                int idx = indices.get(j);
                if (!(child instanceof ArrayNode a) || idx >= a.size()) {
                    throw s.error("grid." + path, "the base recipe has no " + done + "[" + idx + "]"
                            + (child instanceof ArrayNode a2 ? " (it has " + a2.size() + " elements)" : " (not a list)"));
                }
                done.append('[').append(idx).append(']');
                if (last && j == indices.size() - 1) {
                    if (value.isNull()) {
                        throw s.error("grid." + path, "null (removal) is only for object keys, not list elements");
                    }
                    a.set(idx, value.deepCopy());
                    return;
                }
                child = a.get(idx);
            }
            if (!child.isObject()) {
                throw s.error("grid." + path, done + " is " + JsonObject.describe(child) + ", not an object");
            }
            node = child;
        }
    }

    /** count distinct indices in [0, size), seeded; in grid order. */
    private static List<Long> sample(long size, int count, long seed) {
        List<Long> all = new ArrayList<>();
        for (long i = 0; i < size; i++) {
            all.add(i);
        }
        if (count >= size) {
            return all;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) { // partial Fisher-Yates
            int j = i + rnd.nextInt((int) size - i);
            Long t = all.get(i);
            all.set(i, all.get(j));
            all.set(j, t);
        }
        List<Long> out = new ArrayList<>(all.subList(0, count));
        out.sort(null);
        return out;
    }

    /** "pt-" and 10 hex digits of the SHA-256 of the point's recipe JSON: stable while the recipe is. */
    static String id(ObjectNode recipe) {
        return SweepPoint.hash("pt-", recipe);
    }

    private static String describe(ObjectNode params) {
        return SweepPoint.describe(params);
    }
}
