package io.dot4j.quant.recipes;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One point of a sweep: its stable id (a hash of its whole recipe, so editing the grid never renames a finished
 * point), the grid values that made it (key path to value, in grid order) and its validated recipe.
 */
public record SweepPoint(String id, ObjectNode params, Recipe recipe) {
    public SweepPoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(recipe, "recipe");
    }

    /**
     * "cf-" and 10 hex digits of the SHA-256 of the recipe without its "seed": the points of one configuration (the
     * seeds of one recipe) share it, and two sweeps' results concatenated stay apart when their recipes differ in
     * anything but the seed, even where their grid values look the same.
     */
    public String configId() {
        ObjectNode json = recipe.json().deepCopy();
        json.remove("seed");
        return hash("cf-", json);
    }

    /** {@code prefix} and 10 hex digits of the SHA-256 of {@code json}'s text. */
    static String hash(String prefix, ObjectNode json) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(json.toString().getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(h, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code key=value, ...} for messages and tables. */
    public String describe() {
        return describe(params);
    }

    /** {@code key=value, ...} of any grid values. */
    public static String describe(ObjectNode params) {
        StringBuilder b = new StringBuilder();
        params.properties().forEach(e -> {
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(e.getKey()).append('=').append(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
        });
        return b.toString();
    }
}
