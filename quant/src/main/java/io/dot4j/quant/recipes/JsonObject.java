package io.dot4j.quant.recipes;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A JSON object being read under a key path: typed getters with ranges, and {@link #done()}, which refuses keys nobody
 * asked for. Every error names the file and the full key path.
 */
final class JsonObject {
    private final String file;
    private final String path;
    private final JsonNode node;
    private final Set<String> known = new LinkedHashSet<>();

    JsonObject(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
        if (node == null || !node.isObject()) {
            throw error(path, "expected an object, got " + describe(node));
        }
    }

    RecipeException error(String at, String message) {
        return new RecipeException(file + ": " + (at.isEmpty() ? "" : at + ": ") + message);
    }

    String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    String path() {
        return path;
    }

    String file() {
        return file;
    }

    static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isTextual()) {
            return "\"" + n.asText() + "\"";
        }
        return n.isContainerNode() ? (n.isArray() ? "an array" : "an object") : n.toString();
    }

    boolean has(String key) {
        known.add(key);
        return node.has(key) && !node.get(key).isNull();
    }

    JsonNode raw(String key) {
        known.add(key);
        return node.get(key);
    }

    JsonObject object(String key) {
        known.add(key);
        return new JsonObject(file, at(key), node.get(key));
    }

    List<JsonNode> array(String key) {
        known.add(key);
        JsonNode a = node.get(key);
        if (a == null || !a.isArray()) {
            throw error(at(key), "expected an array, got " + describe(a));
        }
        List<JsonNode> out = new ArrayList<>();
        a.forEach(out::add);
        return out;
    }

    int integer(String key, int lo, int hi, Integer defaultValue) {
        known.add(key);
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (defaultValue == null) {
                throw error(at(key), "missing; expected an integer " + lo + ".." + hi);
            }
            return defaultValue;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < lo || v.asLong() > hi) {
            throw error(at(key), "expected " + lo + ".." + hi + ", got " + describe(v));
        }
        return (int) v.asLong();
    }

    long longValue(String key, long lo, long hi, Long defaultValue) {
        known.add(key);
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (defaultValue == null) {
                throw error(at(key), "missing; expected an integer " + lo + ".." + hi);
            }
            return defaultValue;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < lo || v.asLong() > hi) {
            throw error(at(key), "expected an integer " + lo + ".." + hi + ", got " + describe(v));
        }
        return v.asLong();
    }

    /** A number in [lo, hi] (or (lo, hi] when {@code openLow}). */
    double number(String key, double lo, double hi, boolean openLow, Double defaultValue) {
        known.add(key);
        JsonNode v = node.get(key);
        String range = (openLow ? "(" : "[") + fmt(lo) + ", " + fmt(hi) + "]";
        if (v == null || v.isNull()) {
            if (defaultValue == null) {
                throw error(at(key), "missing; expected a number in " + range);
            }
            return defaultValue;
        }
        double d = v.asDouble();
        if (!v.isNumber() || !Double.isFinite(d) || d < lo || d > hi || (openLow && d == lo)) {
            throw error(at(key), "expected a number in " + range + ", got " + describe(v));
        }
        return d;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.format(Locale.ROOT, "%s", d);
    }

    boolean bool(String key, boolean defaultValue) {
        known.add(key);
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.isBoolean()) {
            throw error(at(key), "expected true or false, got " + describe(v));
        }
        return v.asBoolean();
    }

    String text(String key, String defaultValue) {
        known.add(key);
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (defaultValue == null) {
                throw error(at(key), "missing; expected a string");
            }
            return defaultValue;
        }
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw error(at(key), "expected a non-empty string, got " + describe(v));
        }
        return v.asText();
    }

    String oneOf(String key, List<String> allowed, String defaultValue) {
        String s = text(key, defaultValue);
        if (!allowed.contains(s)) {
            throw error(at(key), "expected one of " + allowed + ", got \"" + s + "\"");
        }
        return s;
    }

    /** Refuses keys no getter asked for. */
    void done() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw error(at(k), "unknown key; expected one of " + known);
            }
        }
    }
}
