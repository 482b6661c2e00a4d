package io.dot4j.cli.voice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dot4j.cli.UserError;
import io.dot4j.quant.recipes.Recipe;
import io.dot4j.quant.recipes.RecipeException;
import io.dot4j.quant.recipes.RecipeParser;
import io.dot4j.runtime.frontend.LogMelParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * A word recipe: {@code {"frontend": {...}, "train": {...}}}. {@code frontend} holds the {@link LogMelParameters}
 * fields (all optional; the defaults are {@link LogMelParameters#speech8k} with 49 frames, hop 160, 16 bands);
 * {@code train} is a QAT recipe of docs/QUANTIZATION.md without {@code dataset}, whose {@code input} must be
 * [1, frames, bands]. The recipe parser knows only the IDX set names, so the training recipe is parsed with
 * {@code "dataset": "mnist"} as a stand-in; the images really come from the front end (docs/VOICE.md).
 */
public record VoiceRecipe(String source, LogMelParameters frontEnd, Recipe train) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> FRONTEND_KEYS = Set.of("sampleRate", "frames", "frameLength", "hop", "fftSize",
            "bands", "fMin", "fMax", "logScale", "logOffset", "logMode");

    /** Reads and checks a word recipe file. */
    public static VoiceRecipe read(Path file) throws IOException {
        String name = file.getFileName().toString();
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new UserError(name + ": invalid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new UserError(name + ": expected a JSON object with \"frontend\" and \"train\"");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("frontend") && !k.equals("train")) {
                throw new UserError(name + ": " + k + ": unknown key, expected frontend or train");
            }
        }
        LogMelParameters p = frontEnd(name, root.path("frontend"));
        JsonNode t = root.get("train");
        if (t == null || !t.isObject()) {
            throw new UserError(name + ": train: expected a recipe object (docs/QUANTIZATION.md)");
        }
        if (t.has("dataset")) {
            throw new UserError(name + ": train.dataset: not allowed, the data are the front end's feature images");
        }
        ObjectNode recipe = ((ObjectNode) t).deepCopy();
        recipe.put("dataset", "mnist");
        Recipe r;
        try {
            r = RecipeParser.fromJson(recipe, name + ": train", file.toAbsolutePath().getParent());
        } catch (RecipeException e) {
            throw new UserError(e.getMessage(), e);
        }
        if (r.network() == null || r.network().channels() != 1 || r.network().height() != p.frames()
                || r.network().width() != p.bands()) {
            throw new UserError(name + ": train.input: expected [1, " + p.frames() + ", " + p.bands()
                    + "] (1 channel, frames, bands of the front end)" + (r.network() == null ? ", with a layers list"
                    : ", got [" + r.network().channels() + ", " + r.network().height() + ", " + r.network().width() + "]"));
        }
        return new VoiceRecipe(name, p, r);
    }

    private static LogMelParameters frontEnd(String name, JsonNode f) {
        if (f.isMissingNode()) {
            return LogMelParameters.speech8k(49, 160, 16);
        }
        if (!f.isObject()) {
            throw new UserError(name + ": frontend: expected an object");
        }
        for (Iterator<String> it = f.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!FRONTEND_KEYS.contains(k)) {
                throw new UserError(name + ": frontend." + k + ": unknown key, expected one of " + FRONTEND_KEYS);
            }
        }
        LogMelParameters d = LogMelParameters.speech8k(integer(name, f, "frames", 49), integer(name, f, "hop", 160),
                integer(name, f, "bands", 16));
        try {
            return new LogMelParameters(integer(name, f, "sampleRate", d.sampleRate()), d.frames(),
                    integer(name, f, "frameLength", d.frameLength()), d.hop(), integer(name, f, "fftSize", d.fftSize()),
                    d.bands(), integer(name, f, "fMin", d.fMin()), integer(name, f, "fMax", d.fMax()),
                    integer(name, f, "logScale", d.logScale()), integer(name, f, "logOffset", d.logOffset()),
                    mode(name, f));
        } catch (IllegalArgumentException e) {
            throw new UserError(name + ": frontend: " + e.getMessage());
        }
    }

    private static int mode(String name, JsonNode f) {
        JsonNode m = f.get("logMode");
        if (m == null) {
            return LogMelParameters.PEAK;
        }
        return switch (m.asText()) {
            case "fixed" -> LogMelParameters.FIXED;
            case "peak" -> LogMelParameters.PEAK;
            default -> throw new UserError(name + ": frontend.logMode: expected \"fixed\" or \"peak\", got " + m);
        };
    }

    private static int integer(String name, JsonNode f, String key, int fallback) {
        JsonNode v = f.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new UserError(name + ": frontend." + key + ": expected an integer, got " + v);
        }
        return v.intValue();
    }
}
