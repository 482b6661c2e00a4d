package io.dot4j.codegen.c;

import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.TinyModels;
import io.dot4j.runtime.conformance.ConformanceFixtures;
import io.dot4j.runtime.ir.IntModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host build of the generated C computes every layer's levels and the scores exactly as the reference. */
class HostMatchesReferenceTest {
    @TempDir
    Path dir;

    private static byte[][] calibration() {
        java.util.Random r = new java.util.Random(3);
        byte[][] images = new byte[8][784];
        for (byte[] i : images) {
            r.nextBytes(i);
        }
        return images;
    }

    @Test
    void tinyModels() throws Exception {
        for (int bits : new int[] {1, 2, 8}) {
            IntModel a = TinyModels.a(11 + bits, bits, calibration());
            CHarness.hostMatchesReference(a, RandomModels.images(a, 5, 6), dir.resolve("a" + bits));
            IntModel b = TinyModels.b(21 + bits, bits, calibration());
            CHarness.hostMatchesReference(b, RandomModels.images(b, 6, 6), dir.resolve("b" + bits));
            IntModel c = TinyModels.c(31 + bits, bits, calibration());
            CHarness.hostMatchesReference(c, RandomModels.images(c, 7, 6), dir.resolve("c" + bits));
        }
    }

    @Test
    void conformanceFixtures() throws Exception {
        var fixtures = ConformanceFixtures.all();
        org.junit.jupiter.api.Assertions.assertFalse(fixtures.isEmpty(), "no conformance fixtures");
        for (ConformanceFixtures.Fixture f : fixtures) {
            CHarness.hostMatches(f.model(), f.images(), i -> f.cases().get(i).layerOutputs(), dir.resolve(f.name()));
        }
    }

    @Test
    void randomModels() throws Exception {
        for (long seed = 1; seed <= 40; seed++) {
            IntModel m = RandomModels.generate(seed);
            CHarness.hostMatchesReference(m, RandomModels.images(m, seed, 4), dir.resolve("r" + seed));
        }
    }
}
