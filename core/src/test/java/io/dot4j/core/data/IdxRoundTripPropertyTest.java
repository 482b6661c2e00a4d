package io.dot4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class IdxRoundTripPropertyTest {

    @Property(tries = 60, seed = "20261129")
    void writeThenReadGivesTheSameDataSet(@ForAll @IntRange(min = 1, max = 20) int count,
                                          @ForAll @IntRange(min = 1, max = 9) int height,
                                          @ForAll @IntRange(min = 1, max = 9) int width,
                                          @ForAll @IntRange(min = 1, max = 256) int numClasses,
                                          @ForAll boolean gzip,
                                          @ForAll long seed) throws IOException {
        Dataset data = TestData.random(seed, count, height, width, numClasses);
        Path dir = Files.createTempDirectory("idx-property");
        try {
            Path images = dir.resolve("images");
            Path labels = dir.resolve("labels");
            IdxWriter.writeImages(images, data, gzip);
            IdxWriter.writeLabels(labels, data, gzip);
            assertEquals(gzip, IdxReader.isGzip(images));
            Dataset back = IdxReader.read(images, labels, "random", numClasses);
            assertEquals(count, back.count());
            assertEquals(height, back.height());
            assertEquals(width, back.width());
            assertArrayEquals(data.copyPixels(), back.copyPixels());
            assertArrayEquals(data.labels(), back.labels());
            assertEquals(data, back);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
