package io.dot4j.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCacheTest {

    @TempDir
    Path root;

    @Test
    void systemPropertyChoosesTheRoot() {
        String before = System.getProperty(DataCache.VARIABLE);
        try {
            System.setProperty(DataCache.VARIABLE, root.toString());
            assertEquals(root, DataCache.root());
        } finally {
            if (before == null) {
                System.clearProperty(DataCache.VARIABLE);
            } else {
                System.setProperty(DataCache.VARIABLE, before);
            }
        }
    }

    @Test
    void loadsASetByNameAndExplainsAMissingOne() throws IOException {
        Dataset train = TestData.random(1, 5, 2, 2, 10);
        Path dir = root.resolve("fashion-mnist");
        java.nio.file.Files.createDirectories(dir);
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), train, true);
        IdxWriter.writeLabels(dir.resolve("train-labels-idx1-ubyte.gz"), train, true);
        Dataset loaded = DataCache.load(root, "fashion-mnist", "train");
        assertEquals("fashion-mnist/train", loaded.name());
        assertEquals(train.withNames("fashion-mnist/train", NamedDatasets.FASHION_MNIST.classNames()), loaded);
        assertEquals("Ankle boot", loaded.classNames().get(9));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> DataCache.load(root, "mnist", "test"));
        assertTrue(e.getMessage().contains("dot4j data fetch mnist"), e.getMessage());
    }
}
