package io.dot4j.quant.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.dot4j.core.data.DataCache;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;

/** The real MNIST from the cache (DOT4J_CACHE or ~/.cache/dot4j); fails, never skips, when it is missing. */
public final class Mnist {
    private static Dataset train;
    private static Dataset test;

    private Mnist() {
    }

    public static synchronized Dataset train() {
        if (train == null) {
            train = load("train");
        }
        return train;
    }

    public static synchronized Dataset test() {
        if (test == null) {
            test = load("test");
        }
        return test;
    }

    private static Dataset load(String split) {
        var dir = DataCache.root().resolve("mnist");
        if (!Files.isDirectory(dir)) {
            fail("MNIST is missing from the cache: " + dir + " not found. Run `dot4j data fetch mnist` or point "
                    + DataCache.VARIABLE + " (system property or environment) at a cache.");
        }
        try {
            return DataCache.load("mnist", split);
        } catch (IOException e) {
            return fail("MNIST " + split + " could not be read from " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Images [from, to) as pixels / 255 in [N, C, H, W]. */
    public static Tensor batch(Dataset d, int[] indices) {
        int size = d.imageSize();
        float[] x = new float[indices.length * size];
        for (int i = 0; i < indices.length; i++) {
            d.imageAsFloats(indices[i], x, i * size);
        }
        return Tensor.wrap(x, indices.length, d.channels(), d.height(), d.width());
    }

    public static Tensor batch(Dataset d, int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return batch(d, idx);
    }

    public static int[] labels(Dataset d, int[] indices) {
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            y[i] = d.label(indices[i]);
        }
        return y;
    }
}
