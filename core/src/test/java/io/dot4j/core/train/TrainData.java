package io.dot4j.core.train;

import io.dot4j.core.data.DataCache;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.data.IdxDatasets;
import io.dot4j.core.tensor.Rng;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/** Test data: a seeded synthetic set, and the real MNIST from the cache (failing, not skipping, when missing). */
final class TrainData {
    private TrainData() {
    }

    /**
     * n images of 1 x size x size with 4 classes: class c has a bright square blob in quadrant c on a noisy background,
     * so a small network can learn it in a few steps.
     */
    static Dataset quadrants(int n, int size, long seed) {
        Rng rng = new Rng(seed);
        byte[] px = new byte[n * size * size];
        int[] labels = new int[n];
        int half = size / 2;
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(4);
            labels[i] = c;
            int oy = (c / 2) * half;
            int ox = (c % 2) * half;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    boolean in = y >= oy + 1 && y < oy + half - 1 && x >= ox + 1 && x < ox + half - 1;
                    int v = in ? 160 + rng.nextInt(96) : rng.nextInt(60);
                    px[(i * size + y) * size + x] = (byte) v;
                }
            }
        }
        return Dataset.of("quadrants", px, labels, 1, size, size, 4);
    }

    private static Path mnistDir() {
        Path dir = DataCache.root().resolve("mnist");
        for (String name : IdxDatasets.standardFileNames()) {
            if (!Files.isRegularFile(dir.resolve(name)) && !Files.isRegularFile(dir.resolve(name + ".gz"))) {
                fail("MNIST is missing from the cache: " + dir.resolve(name) + " not found. Run `dot4j data fetch mnist` or point "
                        + DataCache.VARIABLE + " (system property or environment) at a cache.");
            }
        }
        return dir;
    }

    static Dataset mnist(String split) throws IOException {
        return DataCache.load(mnistDir().getParent(), "mnist", split);
    }
}
