package io.dot4j.cli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One finished sweep point, one line of results.jsonl.
 *
 * @param id                  the point's stable id (its folder name)
 * @param params              the grid values of the point (key path to value)
 * @param dataset             the recipe's data set: a named set ("mnist", "fashion-mnist") or an absolute path
 * @param accuracy            test accuracy of the integer model file on the full test set, a fraction
 * @param testImages          how many test images that was
 * @param floatAccuracy       the fake-quantized network's accuracy on the recipe's test slice at the end of training
 * @param bytes               bytes of the .dot4j file
 * @param peakActivationBytes the runtime's peak activation memory
 * @param imagesPerSecond     runtime throughput on one thread (warm)
 * @param macs                multiply-accumulates per image
 * @param trainSeconds        training time, including time before a resume
 * @param config              the point's configuration id (its recipe without the seed, {@code SweepPoint.configId}),
 *                            or null in results files written before it was recorded
 */
public record SweepResult(String id, ObjectNode params, String dataset, double accuracy, int testImages, double floatAccuracy,
                          long bytes, long peakActivationBytes, double imagesPerSecond, long macs, double trainSeconds,
                          String config) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ObjectNode toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id);
        n.set("params", params);
        n.put("dataset", dataset);
        n.put("accuracy", accuracy);
        n.put("test_images", testImages);
        n.put("float_accuracy", floatAccuracy);
        n.put("bytes", bytes);
        n.put("peak_activation_bytes", peakActivationBytes);
        n.put("images_per_s", imagesPerSecond);
        n.put("macs", macs);
        n.put("train_s", trainSeconds);
        if (config != null) {
            n.put("config", config);
        }
        return n;
    }

    /** Reads one line; {@code where} ("results.jsonl: line 3") prefixes every error. */
    public static SweepResult fromJson(String line, String where) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalArgumentException(where + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object, got " + (n == null ? "nothing" : n.getNodeType()));
        }
        if (!n.path("params").isObject()) {
            throw new IllegalArgumentException(where + ": \"params\": expected an object");
        }
        return new SweepResult(text(n, "id", where), (ObjectNode) n.get("params"), text(n, "dataset", where),
                fraction(n, "accuracy", where), (int) count(n, "test_images", where), number(n, "float_accuracy", where),
                count(n, "bytes", where), count(n, "peak_activation_bytes", where), number(n, "images_per_s", where),
                count(n, "macs", where), number(n, "train_s", where), n.has("config") ? text(n, "config", where) : null);
    }

    private static String text(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException(where + ": \"" + key + "\": expected a non-empty string, got " + v);
        }
        return v.asText();
    }

    private static double number(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new IllegalArgumentException(where + ": \"" + key + "\": expected a number, got " + v);
        }
        return v.asDouble();
    }

    private static double fraction(JsonNode n, String key, String where) {
        double d = number(n, key, where);
        if (d < 0 || d > 1) {
            throw new IllegalArgumentException(where + ": \"" + key + "\": expected a fraction in [0, 1], got " + d);
        }
        return d;
    }

    private static long count(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || !v.isIntegralNumber() || v.asLong() < 0 || !v.canConvertToLong()) {
            throw new IllegalArgumentException(where + ": \"" + key + "\": expected a non-negative integer, got " + v);
        }
        return v.asLong();
    }
}
