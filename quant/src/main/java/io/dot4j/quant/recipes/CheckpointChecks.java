package io.dot4j.quant.recipes;

import com.fasterxml.jackson.databind.JsonNode;
import io.dot4j.core.train.Checkpoint;
import io.dot4j.core.train.CheckpointFormatException;
import io.dot4j.core.zoo.ModelSpec;
import io.dot4j.core.zoo.ZooShapes;
import io.dot4j.quant.network.NetworkShapes;
import io.dot4j.runtime.ir.Limits;
import io.dot4j.runtime.limits.ResourceLimits;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link RecipeCheckpoints#load} checks before it builds the network a recipe checkpoint declares: the input
 * sizes are whole numbers, the network fits the {@link ResourceLimits} (a layer list's recipe was checked when parsed,
 * a zoo network's is checked here) and the stored weight tensors have the shapes it declares.
 */
final class CheckpointChecks {
    private static final String[] INPUT_KEYS = {"channels", "height", "width", "classes"};

    private CheckpointChecks() {
    }

    /** meta.input's channels, height, width and classes. */
    static int[] input(Path file, JsonNode meta) {
        int[] in = new int[INPUT_KEYS.length];
        for (int i = 0; i < in.length; i++) {
            JsonNode v = meta.path("input").path(INPUT_KEYS[i]);
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1 || v.asInt() > Limits.MAX_DIM) {
                throw new RecipeException(file + ": meta.input." + INPUT_KEYS[i] + ": expected a whole number 1.." + Limits.MAX_DIM
                        + ", actual " + JsonObject.describe(v));
            }
            in[i] = v.asInt();
        }
        return in;
    }

    /** Refuses a network over the limits or whose stored weights do not have the declared shapes. */
    static void requireFits(Checkpoint ck, Recipe r, int[] in) throws CheckpointFormatException {
        Map<String, long[]> weights = new LinkedHashMap<>();
        if (r.network() != null) {
            NetworkShapes.weights(r.network()).forEach((n, shape) -> weights.put("param/" + n, shape));
        } else {
            ModelSpec spec = new ModelSpec(r.zoo(), Map.of("channels", in[0], "height", in[1], "width", in[2], "classes", in[3]));
            ResourceLimits.current().check(ZooShapes.footprint(spec), String.valueOf(ck.file()), "meta.input");
            ZooShapes.parameters(spec).forEach((n, shape) -> weights.put("param/" + n, shape));
        }
        ck.requireShapes(weights);
    }
}
