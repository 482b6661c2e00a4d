package io.dot4j.quant.recipes;

import com.fasterxml.jackson.databind.node.ObjectNode;

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
