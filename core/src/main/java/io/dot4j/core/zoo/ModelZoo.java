package io.dot4j.core.zoo;

import io.dot4j.core.nn.Activation;
import io.dot4j.core.nn.Conv2d;
import io.dot4j.core.nn.Flatten;
import io.dot4j.core.nn.Linear;
import io.dot4j.core.nn.MaxPool2d;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.tensor.Rng;
import io.dot4j.runtime.limits.ResourceLimits;

import java.util.List;
import java.util.Set;

/**
 * Named reference networks, built from a seeded generator (same seed, same initial weights).
 *
 * <ul>
 *   <li>{@code lenet300}: the LeNet-300-100 perceptron, flatten -> fc1 300 -> relu -> fc2 100 -> relu -> fc3 classes
 *   (266,610 parameters for 1x28x28 and 10 classes).</li>
 *   <li>{@code lenet5}: Caffe's LeNet, conv1 20@5x5 -> pool1 max 2 -> conv2 50@5x5 -> pool2 max 2 -> fc1 500 -> relu ->
 *   fc2 classes (431,080 parameters for 1x28x28 and 10 classes). Like Caffe's, it has no activation after the
 *   convolutions.</li>
 * </ul>
 * Arguments (all optional): {@code channels} (1), {@code height} (28), {@code width} (28), {@code classes} (10).
 */
public final class ModelZoo {
    public static final List<String> NAMES = List.of("lenet300", "lenet5");
    private static final Set<String> ARGS = Set.of("channels", "height", "width", "classes");

    private ModelZoo() {
    }

    /** A network with default arguments. */
    public static Sequential create(String name, Rng rng) {
        return create(ModelSpec.of(name), rng);
    }

    /**
     * Builds the network, after sizing it from the spec ({@link ZooShapes}) and checking that against
     * {@link ResourceLimits#current()}: a spec from a file cannot make it allocate more than the limits allow.
     */
    public static Sequential create(ModelSpec spec, Rng rng) {
        checkArgs(spec);
        ResourceLimits.current().check(ZooShapes.footprint(spec), "model " + spec, "args");
        int c = positive(spec, "channels", 1);
        int h = positive(spec, "height", 28);
        int w = positive(spec, "width", 28);
        int classes = positive(spec, "classes", 10);
        return switch (spec.name()) {
            case "lenet300" -> new Sequential()
                    .add("flatten", new Flatten())
                    .add("fc1", new Linear(Math.multiplyExact(Math.multiplyExact(c, h), w), 300, rng))
                    .add("relu1", Activation.relu())
                    .add("fc2", new Linear(300, 100, rng))
                    .add("relu2", Activation.relu())
                    .add("fc3", new Linear(100, classes, rng));
            case "lenet5" -> {
                int h2 = ((h - 4) / 2 - 4) / 2;
                int w2 = ((w - 4) / 2 - 4) / 2;
                if (h2 < 1 || w2 < 1) {
                    throw new IllegalArgumentException("model lenet5: expected an input of at least 16x16, actual " + h + "x" + w);
                }
                yield new Sequential()
                        .add("conv1", new Conv2d(c, 20, 5, 1, 0, rng))
                        .add("pool1", new MaxPool2d(2))
                        .add("conv2", new Conv2d(20, 50, 5, 1, 0, rng))
                        .add("pool2", new MaxPool2d(2))
                        .add("flatten", new Flatten())
                        .add("fc1", new Linear(50 * h2 * w2, 500, rng))
                        .add("relu1", Activation.relu())
                        .add("fc2", new Linear(500, classes, rng));
            }
            default -> throw new IllegalArgumentException("unknown model '" + spec.name() + "', expected one of " + NAMES);
        };
    }

    static void checkArgs(ModelSpec spec) {
        for (String k : spec.args().keySet()) {
            if (!ARGS.contains(k)) {
                throw new IllegalArgumentException("model " + spec.name() + ": unknown argument '" + k + "', expected one of "
                        + ARGS.stream().sorted().toList());
            }
        }
        if (!NAMES.contains(spec.name())) {
            throw new IllegalArgumentException("unknown model '" + spec.name() + "', expected one of " + NAMES);
        }
    }

    static int positive(ModelSpec spec, String key, int def) {
        int v = spec.arg(key, def);
        if (v < 1) {
            throw new IllegalArgumentException("model " + spec.name() + ": expected " + key + " >= 1, actual " + v);
        }
        return v;
    }
}
