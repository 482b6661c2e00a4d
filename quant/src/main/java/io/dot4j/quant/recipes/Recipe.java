package io.dot4j.quant.recipes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dot4j.core.train.Augmentation;
import io.dot4j.quant.layers.Precision;
import io.dot4j.quant.network.NetworkSpec;
import io.dot4j.quant.pruning.Pruning;

import java.util.Map;
import java.util.Objects;

/**
 * A validated quantization-aware training recipe (see {@link RecipeParser} for the JSON form and docs/QUANTIZATION.md).
 *
 * @param source       the file name, for messages
 * @param json         the recipe as written (kept in checkpoints so a network can be rebuilt for export)
 * @param dataset      a named set ("mnist", "fashion-mnist", from the data cache) or an absolute path (resolved against
 *                     the recipe's folder; read by io.dot4j.core.data.DataSource)
 * @param trainLimit   use only the first N training images (0 = all)
 * @param testLimit    use only the first N test images (0 = all)
 * @param zoo          a zoo network ("lenet5", "lenet300") made quantized, or null for {@code network}
 * @param init         a checkpoint to start from (absolute path), or null: a float checkpoint of the zoo network, or a
 *                     recipe run's checkpoint of the same layer list
 * @param network      the layer list, or null for a zoo network
 * @param precision    the default precision of every layer
 * @param overrides    per-layer precision of a zoo network, by layer name
 * @param augmentation random shift / mirroring of training images
 * @param pruning      gradual magnitude pruning, or null
 * @param distillation a teacher to distil from, or null
 * @param dir          the absolute folder relative paths were resolved against, or null (kept so that a recipe
 *                     stored in a checkpoint resolves the same way when the run resumes)
 * @param pretrain     the first stage of a two-stage run (this recipe at another precision), or null
 */
public record Recipe(String source, ObjectNode json, String dataset, int trainLimit, int testLimit, String zoo, String init,
                     NetworkSpec network, Precision precision, Map<String, Precision> overrides, OptimizerSpec optimizer,
                     ScheduleSpec schedule, int epochs, int batch, Augmentation augmentation, PruningSpec pruning, DistillationSpec distillation,
                     long seed, String dir, Recipe pretrain) {
    public Recipe {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(json, "json");
        overrides = Map.copyOf(overrides);
        Objects.requireNonNull(augmentation, "augmentation");
        if ((zoo == null) == (network == null)) {
            throw new IllegalArgumentException("recipe: exactly one of zoo and network");
        }
    }

    /** kind "sgd", "adam" or "adamw". */
    public record OptimizerSpec(String kind, double lr, float momentum, boolean nesterov, float weightDecay, float maxGradNorm) {
    }

    /** kind "constant", "cosine" (to minLr) or "step" (x gamma every everyEpochs); plus linear warm-up epochs. */
    public record ScheduleSpec(String kind, double minLr, double gamma, int everyEpochs, int warmupEpochs) {
    }

    /** Prune to {@code target} from epoch startEpoch to endEpoch (polynomial), masks recomputed every frequency steps. */
    public record PruningSpec(double target, Pruning.Scope scope, int startEpoch, int endEpoch, int frequency) {
    }

    /** A float teacher checkpoint (absolute path), the soft-loss weight alpha and the temperature. */
    public record DistillationSpec(String teacher, double alpha, double temperature) {
    }
}
