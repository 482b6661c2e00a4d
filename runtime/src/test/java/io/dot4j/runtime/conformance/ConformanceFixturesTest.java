package io.dot4j.runtime.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.format.FormatVersions;
import io.dot4j.runtime.format.ModelFormatException;
import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The frozen fixtures: what they cover, that the reference reproduces them, and that a changed byte is caught. */
class ConformanceFixturesTest {
    private static final List<ConformanceFixtures.Fixture> FIXTURES = ConformanceFixtures.all();

    @Test
    void theReferenceInterpreterReproducesEveryLayerOfEveryFixture() {
        for (ConformanceFixtures.Fixture f : FIXTURES) {
            ReferenceInterpreter ref = new ReferenceInterpreter(f.model());
            for (ConformanceFixtures.Case c : f.cases()) {
                List<int[]> got = ref.run(c.pixels());
                assertEquals(c.layerOutputs().size(), got.size());
                for (int i = 0; i < got.size(); i++) {
                    assertArrayEquals(c.layerOutputs().get(i), got.get(i), f.name() + " " + c.source() + " layer " + i);
                }
                assertArrayEquals(c.scores(), ref.scores(c.pixels()));
            }
        }
    }

    @Test
    void everyFileIsWrittenAgainByteForByteInItsVersion() {
        for (ConformanceFixtures.Fixture f : FIXTURES) {
            assertArrayEquals(f.fileBytes(), FormatVersions.toBytes(f.model(), f.formatVersion()), f.name());
            assertEquals(f.formatVersion(), f.fileBytes()[8] & 0xFF, f.name());
        }
    }

    /** CRC-32 catches every single-byte change: each byte of each file, changed in one bit, is rejected. */
    @Test
    void aModelFileChangedInAnyByteIsRejected() {
        for (ConformanceFixtures.Fixture f : FIXTURES) {
            byte[] file = f.fileBytes();
            for (int i = 0; i < file.length; i++) {
                byte[] bad = file.clone();
                bad[i] ^= (byte) (1 << (i % 8));
                int at = i;
                ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelReader.read(bad, f.name()),
                        f.name() + ": byte " + at + " changed but the file was accepted");
                assertTrue(e.getMessage().startsWith(f.name()), e.getMessage());
            }
        }
    }

    @Test
    void anExpectedFileChangedInOneByteIsRejected() {
        for (ConformanceFixtures.Fixture f : FIXTURES) {
            byte[] text = ConformanceFixturesText.expected(f.name());
            for (int i = 0; i < text.length; i += 1 + text.length / 97) {
                byte[] bad = text.clone();
                bad[i] = (byte) (bad[i] == '7' ? '8' : bad[i] == '\n' ? ' ' : '7');
                assertThrows(IllegalStateException.class, () -> ConformanceFixtures.parse(f.name(), f.fileBytes(), bad),
                        f.name() + ".expected: byte " + i + " changed but the file was accepted");
            }
        }
    }

    /** Every format version the reader accepts, every precision and layer kind of the IR, some with each option. */
    @Test
    void theFixturesCoverEveryVersionLayerKindAndPrecision() {
        Set<Integer> versions = new TreeSet<>(), weightBits = new TreeSet<>(), activationBits = new TreeSet<>();
        Set<String> kinds = new TreeSet<>(), features = new TreeSet<>();
        for (ConformanceFixtures.Fixture f : FIXTURES) {
            versions.add(f.formatVersion());
            if (f.model().input().channels() > 1) {
                features.add("multi-channel input");
            }
            if (f.cases().stream().anyMatch(c -> c.source().startsWith("mnist-test-"))) {
                features.add("mnist");
            }
            for (Layer l : f.model().layers()) {
                kinds.add(l.kind());
                if (l instanceof Conv c) {
                    weightBits.add(c.weightBits());
                    features.add(c.stride() > 1 ? "stride" : "stride 1");
                    features.add(c.padding() > 0 ? "padding" : "no padding");
                } else if (l instanceof Dense d) {
                    weightBits.add(d.weightBits());
                    features.add(d.hasBias() ? "bias" : "no bias");
                } else if (l instanceof ThresholdActivation t) {
                    activationBits.add(t.bits());
                    for (int c = 0; c < t.channels(); c++) {
                        features.add(t.isNegative(c) ? "negative" : "positive");
                    }
                } else if (l instanceof MaxPool p) {
                    features.add(p.stride() < p.kernel() ? "overlapping pool" : "pool");
                }
            }
        }
        assertEquals(Set.of(2, 3, 4), versions);
        assertEquals(Set.of(1, 2, 8), weightBits);
        assertTrue(activationBits.containsAll(Set.of(1, 2, 3, 4)), activationBits.toString());
        assertEquals(Set.of("Conv", "Dense", "ThresholdActivation", "MaxPool", "GlobalSumPool", "Flatten"), kinds);
        assertTrue(features.containsAll(Set.of("multi-channel input", "mnist", "stride", "stride 1", "padding", "no padding",
                "bias", "no bias", "negative", "positive", "overlapping pool", "pool")), features.toString());
        for (ConformanceFixtures.Fixture f : FIXTURES) {
            assertTrue(f.fileBytes().length <= 4096, f + " is not small");
        }
    }

    /** Thresholds were set at quantiles of the fixture's own values: every level of every threshold layer occurs. */
    @Test
    void everyLevelOccurs() {
        for (ConformanceFixtures.Fixture f : FIXTURES) {
            for (int i = 0; i < f.model().layers().size(); i++) {
                if (f.model().layers().get(i) instanceof ThresholdActivation t) {
                    boolean[] seen = new boolean[t.perChannel() + 1];
                    for (ConformanceFixtures.Case c : f.cases()) {
                        for (int v : c.layerOutputs().get(i)) {
                            seen[v] = true;
                        }
                    }
                    for (int level = 0; level < seen.length; level++) {
                        assertTrue(seen[level], f.name() + " layer " + i + ": level " + level + " never occurs");
                    }
                }
            }
        }
    }

    /** Reads the raw expected text (the loader only exposes the parsed form). */
    static final class ConformanceFixturesText {
        private ConformanceFixturesText() {
        }

        static byte[] expected(String name) {
            try (var in = ConformanceFixtures.class.getResourceAsStream(ConformanceFixtures.FOLDER + name + ".expected")) {
                return in.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    void theTextFormatIsPlainAscii() {
        for (String name : ConformanceFixtures.names()) {
            String text = new String(ConformanceFixturesText.expected(name), StandardCharsets.US_ASCII);
            assertTrue(text.startsWith(FixtureText.MAGIC + "\nfixture " + name + "\n"), name);
            assertTrue(text.chars().allMatch(ch -> ch == '\n' || ch >= 32 && ch < 127), name);
        }
    }
}
