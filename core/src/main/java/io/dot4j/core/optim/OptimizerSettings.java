package io.dot4j.core.optim;

import io.dot4j.core.nn.Module;
import java.util.List;

/**
 * An optimizer as both ways of training name it ({@code dot4j train --optimizer ...} and a recipe's
 * {@code "optimizer"}), built in this one place.
 *
 * @param kind        "sgd", "adam" or "adamw"
 * @param momentum    SGD momentum (ignored by Adam and AdamW)
 * @param nesterov    Nesterov momentum for SGD
 * @param weightDecay L2 decay for sgd and adam, decoupled decay for adamw
 * @param maxGradNorm clip gradients to this global norm (0: off)
 */
public record OptimizerSettings(String kind, float momentum, boolean nesterov, float weightDecay, float maxGradNorm) {
    /** The kinds, for messages. */
    public static final List<String> KINDS = List.of("sgd", "adam", "adamw");

    public OptimizerSettings {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("optimizer: expected one of " + KINDS + ", got " + kind);
        }
    }

    /** The optimizer of {@code model}'s parameters, stepping with {@code schedule}. */
    public Optimizer create(Module model, LrSchedule schedule) {
        Optimizer opt = switch (kind) {
            case "sgd" -> new SGD(model, schedule, momentum, nesterov).setWeightDecay(weightDecay);
            case "adamw" -> new AdamW(model, schedule, weightDecay);
            default -> new Adam(model, schedule).setWeightDecay(weightDecay);
        };
        return opt.setMaxGradNorm(maxGradNorm);
    }
}
