package io.dot4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Loads the real MNIST from the cache (DOT4J_CACHE or ~/.cache/dot4j); fails, not skips, when it is missing. */
class MnistCacheTest {

    private static Path mnistDir() {
        Path dir = DataCache.root().resolve("mnist");
        for (String name : IdxDatasets.standardFileNames()) {
            if (!Files.isRegularFile(dir.resolve(name)) && !Files.isRegularFile(dir.resolve(name + ".gz"))) {
                fail("MNIST is missing from the cache: " + dir.resolve(name) + " not found. Run `dot4j data fetch"
                        + " mnist` or point " + DataCache.VARIABLE + " (system property or environment) at a cache.");
            }
        }
        return dir;
    }

    @Test
    void trainSetMatchesThePublishedFacts() throws IOException {
        Dataset train = DataCache.load(mnistDir().getParent(), "mnist", "train");
        assertEquals(60_000, train.count());
        assertEquals(1, train.channels());
        assertEquals(28, train.height());
        assertEquals(28, train.width());
        assertEquals(10, train.numClasses());
        assertArrayEquals(new int[]{5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, Arrays.copyOf(train.labels(), 10));
        int min = 255;
        int max = 0;
        var pixels = train.pixels();
        while (pixels.hasRemaining()) {
            int p = pixels.get() & 0xFF;
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        assertEquals(0, min);
        assertEquals(255, max);
        int[] counts = train.classCounts();
        assertEquals(60_000, Arrays.stream(counts).sum());
        // the well-known class sizes of the MNIST training set: ones are the most, fives the fewest
        assertEquals(6742, counts[1]);
        assertEquals(5421, counts[5]);
    }

    @Test
    void testSetHasTenThousandImages() throws IOException {
        Dataset test = DataCache.load(mnistDir().getParent(), "mnist", "test");
        assertEquals(10_000, test.count());
        assertEquals(28, test.height());
        assertEquals(28, test.width());
        assertEquals("mnist/test", test.name());
    }
}
