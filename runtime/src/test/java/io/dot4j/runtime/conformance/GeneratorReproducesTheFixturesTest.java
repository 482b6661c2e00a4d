package io.dot4j.runtime.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed fixtures are what the committed generator writes, byte for byte (so the commit the folder's README
 * names is reproducible, and a change to the generator cannot go unnoticed).
 */
class GeneratorReproducesTheFixturesTest {

    @TempDir
    Path tmp;

    @Test
    void theGeneratorWritesTheCommittedFiles() throws Exception {
        GenerateConformanceFixtures.main(new String[] {tmp.toString()});
        List<String> written = new ArrayList<>();
        try (Stream<Path> files = Files.list(tmp)) {
            files.forEach(p -> written.add(p.getFileName().toString()));
        }
        written.sort(null);
        List<String> expected = new ArrayList<>(List.of("index.txt"));
        for (String name : ConformanceFixtures.names()) {
            expected.add(name + ".dot4j");
            expected.add(name + ".expected");
        }
        expected.sort(null);
        assertEquals(expected, written);
        for (String file : written) {
            try (var in = ConformanceFixtures.class.getResourceAsStream(ConformanceFixtures.FOLDER + file)) {
                assertArrayEquals(in.readAllBytes(), Files.readAllBytes(tmp.resolve(file)), file);
            }
        }
    }
}
