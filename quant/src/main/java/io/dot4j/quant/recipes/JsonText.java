package io.dot4j.quant.recipes;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * Parses the bytes of a recipe or sweep file. Parsing the bytes (not a decoded string) lets the JSON parser report
 * invalid UTF-8 where it is; every error names the file, the line and column and, where the parser had got to one, the
 * key path ({@code recipe.json: line 3, column 12, at layers[0].type: invalid JSON: Invalid UTF-8 start byte 0xff}).
 */
final class JsonText {
    /** Recipes and sweeps are a few kilobytes; anything longer is not one. */
    static final long MAX_BYTES = 16L << 20;

    private JsonText() {
    }

    static JsonNode parse(ObjectMapper mapper, byte[] bytes, String name) {
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new RecipeException(name + ": " + where(e) + "invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RecipeException(name + ": invalid JSON: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new RecipeException(name + ": empty file; expected a JSON object");
        }
        return root;
    }

    private static String where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String s = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
        String path = e.getProcessor() instanceof JsonParser p ? keyPath(p.getParsingContext()) : "";
        if (!path.isEmpty()) {
            s += (s.isEmpty() ? "" : ", ") + "at " + path;
        }
        return s.isEmpty() ? "" : s + ": ";
    }

    /** The key path of a parser position in the form the recipe errors use: {@code layers[0].type}. */
    static String keyPath(JsonStreamContext c) {
        java.util.ArrayDeque<String> steps = new java.util.ArrayDeque<>();
        for (; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                steps.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                steps.push(c.getCurrentName());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String step : steps) {
            sb.append(sb.isEmpty() || step.startsWith("[") ? "" : ".").append(step);
        }
        return sb.toString();
    }
}
