package io.dot4j.cli.data;

import io.dot4j.core.data.Dataset;
import io.dot4j.core.data.IdxDatasets;
import io.dot4j.core.data.IdxWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Tiny generated IDX folders for the CLI tests. */
final class DataCliFixtures {

    private DataCliFixtures() {
    }

    static Dataset random(long seed, int count, int height, int width) {
        Random rnd = new Random(seed);
        byte[] pixels = new byte[count * height * width];
        rnd.nextBytes(pixels);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = rnd.nextInt(10);
        }
        return Dataset.of("random", pixels, labels, 1, height, width, 10);
    }

    /** Writes train and test splits with the standard names into {@code dir}. */
    static void writeIdxFolder(Path dir, Dataset train, Dataset test, boolean gzip) throws IOException {
        Files.createDirectories(dir);
        String suffix = gzip ? ".gz" : "";
        IdxWriter.writeImages(dir.resolve(IdxDatasets.imagesFileName("train") + suffix), train, gzip);
        IdxWriter.writeLabels(dir.resolve(IdxDatasets.labelsFileName("train") + suffix), train, gzip);
        IdxWriter.writeImages(dir.resolve(IdxDatasets.imagesFileName("test") + suffix), test, gzip);
        IdxWriter.writeLabels(dir.resolve(IdxDatasets.labelsFileName("test") + suffix), test, gzip);
    }
}
