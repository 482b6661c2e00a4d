package io.dot4j.core.optim;

import io.dot4j.core.tensor.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything an optimizer needs to continue exactly: its kind, the number of updates done, and its per-parameter
 * slot tensors (e.g. "v" for momentum, "m" and "v" for Adam), by parameter path then slot name, in order.
 */
public record OptimizerState(String kind, long steps, Map<String, Map<String, Tensor>> slots) {
    public OptimizerState {
        Map<String, Map<String, Tensor>> copy = new LinkedHashMap<>();
        slots.forEach((p, m) -> {
            Map<String, Tensor> inner = new LinkedHashMap<>();
            m.forEach((s, t) -> inner.put(s, t.copy()));
            copy.put(p, Collections.unmodifiableMap(inner));
        });
        slots = Collections.unmodifiableMap(copy);
    }
}
