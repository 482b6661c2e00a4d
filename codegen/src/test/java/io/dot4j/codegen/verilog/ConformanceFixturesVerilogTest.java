package io.dot4j.codegen.verilog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.conformance.ConformanceFixtures;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every conformance fixture the back end builds: the simulated design gives the fixture's expected scores. */
class ConformanceFixturesVerilogTest {
    @TempDir
    Path dir;

    static Stream<String> fixtures() {
        return ConformanceFixtures.names().stream();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void simulatedScoresAreTheFixturesExpectedScores(String name) throws Exception {
        ConformanceFixtures.Fixture f = ConformanceFixtures.load(name);
        List<byte[]> images = Arrays.asList(f.images());
        SimulationResult r;
        try {
            r = DesignCheck.bitExact(f.model(), FoldSpec.NONE, images, dir);
        } catch (UnsupportedModelException e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < images.size(); i++) {
            assertArrayEquals(f.cases().get(i).scores(), r.images().get(i).scores(), name + " image " + i);
        }
        assertTrue(r.interval() > 0);
    }
}
