package io.dot4j.core.optim;

import io.dot4j.core.autograd.Variable;

/**
 * Called by {@link Optimizer#step()} for every parameter with a gradient, in parameter order: before its update (the
 * gradient is final, e.g. to mask the gradient of pruned weights) and after it (e.g. to re-apply a pruning mask to the
 * weights).
 */
public interface UpdateHook {
    default void beforeUpdate(String name, Variable param) {
    }

    default void afterUpdate(String name, Variable param) {
    }
}
