package io.dot4j.core.zoo;

import io.dot4j.runtime.limits.Footprint;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameter shapes and the {@link Footprint} of a {@link ModelZoo} network, computed from its spec without
 * building it, so a checkpoint's or a recipe's claims can be checked before anything is allocated. Must list exactly
 * what {@link ModelZoo#create} builds (a test compares the two).
 */
public final class ZooShapes {
    private ZooShapes() {
    }

    /** Every parameter ("fc1.W", "fc1.b", ...) with its shape, in the network's order. */
    public static Map<String, long[]> parameters(ModelSpec spec) {
        Args a = Args.of(spec);
        Map<String, long[]> out = new LinkedHashMap<>();
        switch (spec.name()) {
            case "lenet300" -> {
                dense(out, "fc1", Footprint.times(a.c, a.h, a.w), 300);
                dense(out, "fc2", 300, 100);
                dense(out, "fc3", 100, a.classes);
            }
            case "lenet5" -> {
                long[] s = lenet5Sizes(a);
                out.put("conv1.W", new long[] {20, a.c, 5, 5});
                out.put("conv1.b", new long[] {20});
                out.put("conv2.W", new long[] {50, 20, 5, 5});
                out.put("conv2.b", new long[] {50});
                dense(out, "fc1", Footprint.times(50, s[4], s[5]), 500);
                dense(out, "fc2", 500, a.classes);
            }
            default -> throw new IllegalArgumentException("unknown model '" + spec.name() + "', expected one of " + ModelZoo.NAMES);
        }
        return out;
    }

    /** Parameters, float activations of one image (forward pass, 4 bytes each) and multiply-accumulates per image. */
    public static Footprint footprint(ModelSpec spec) {
        Args a = Args.of(spec);
        long params = 0;
        for (long[] shape : parameters(spec).values()) {
            params = Footprint.add(params, Footprint.times(shape));
        }
        long chw = Footprint.times(a.c, a.h, a.w);
        long floats, macs;
        if (spec.name().equals("lenet300")) {
            floats = sum(chw, chw, 300, 300, 100, 100, a.classes);
            macs = sum(Footprint.times(chw, 300), 300 * 100, Footprint.times(100, a.classes));
        } else {
            long[] s = lenet5Sizes(a);
            long conv1 = Footprint.times(20, s[0], s[1]), pool1 = Footprint.times(20, s[2], s[3]);
            long conv2 = Footprint.times(50, s[2] - 4, s[3] - 4), pool2 = Footprint.times(50, s[4], s[5]);
            floats = sum(chw, conv1, pool1, conv2, pool2, pool2, 500, 500, a.classes);
            macs = sum(Footprint.times(conv1, a.c, 25), Footprint.times(conv2, 20, 25), Footprint.times(pool2, 500),
                    Footprint.times(500, a.classes));
        }
        return new Footprint(params, Footprint.times(floats, Float.BYTES), macs);
    }

    /** lenet5's spatial sizes: conv1 out h, w; pool1 out h, w; pool2 out h, w. */
    private static long[] lenet5Sizes(Args a) {
        long h1 = a.h - 4, w1 = a.w - 4, hp = h1 / 2, wp = w1 / 2, h2 = (hp - 4) / 2, w2 = (wp - 4) / 2;
        if (h2 < 1 || w2 < 1) {
            throw new IllegalArgumentException("model lenet5: expected an input of at least 16x16, actual " + a.h + "x" + a.w);
        }
        return new long[] {h1, w1, hp, wp, h2, w2};
    }

    private static void dense(Map<String, long[]> out, String name, long in, long outFeatures) {
        out.put(name + ".W", new long[] {outFeatures, in});
        out.put(name + ".b", new long[] {outFeatures});
    }

    private static long sum(long... terms) {
        long s = 0;
        for (long t : terms) {
            s = Footprint.add(s, t);
        }
        return s;
    }

    /** The spec's arguments, validated as {@link ModelZoo#create} validates them. */
    record Args(long c, long h, long w, long classes) {
        static Args of(ModelSpec spec) {
            ModelZoo.checkArgs(spec);
            return new Args(ModelZoo.positive(spec, "channels", 1), ModelZoo.positive(spec, "height", 28),
                    ModelZoo.positive(spec, "width", 28), ModelZoo.positive(spec, "classes", 10));
        }
    }
}
