package io.dot4j.core.zoo;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@link ModelZoo} needs to rebuild a network: the zoo name and its integer arguments (input channels, height,
 * width, classes). Checkpoints record it so {@code dot4j eval} can rebuild the model before loading the weights.
 *
 * @param name a zoo name such as "lenet5"
 * @param args arguments by name, kept sorted so the spec prints and serializes the same way every time
 */
public record ModelSpec(String name, Map<String, Integer> args) {
    public ModelSpec {
        Objects.requireNonNull(name, "name");
        args = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(args, "args")));
    }

    /** A spec with the zoo's default arguments (MNIST-sized input: 1x28x28, 10 classes). */
    public static ModelSpec of(String name) {
        return new ModelSpec(name, Map.of());
    }

    /** The argument or its default. */
    public int arg(String key, int defaultValue) {
        Integer v = args.get(key);
        return v == null ? defaultValue : v;
    }

    @Override
    public String toString() {
        return args.isEmpty() ? name : name + args;
    }
}
