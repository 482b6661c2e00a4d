package io.dot4j.cli.data;

import io.dot4j.core.data.NamedDatasets;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.dot4j.cli.CliRun;
import io.dot4j.core.data.DataCache;
import io.dot4j.core.data.IdxDatasets;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchCommandTest {

    @TempDir
    Path tmp;

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void fakeFilesFailTheChecksumAndLeaveNothingBehind() throws IOException {
        Path from = tmp.resolve("from");
        DataCliFixtures.writeIdxFolder(from, DataCliFixtures.random(1, 10, 28, 28),
                DataCliFixtures.random(2, 3, 28, 28), false);
        Path cache = tmp.resolve("cache");
        CliRun run = CliRun.of("data", "fetch", "mnist", "--from", from.toString(), "--cache", cache.toString());
        assertEquals(2, run.exitCode());
        String last = run.err().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("dot4j: " + from.resolve("train-images-idx3-ubyte")), run.err());
        assertTrue(last.contains("does not match the expected "
                + NamedDatasets.MNIST.files().getFirst().sha256()), run.err());
        assertEquals(List.of(), listing(cache.resolve("mnist")));
    }

    @Test
    void anOversizedDecompressedFileIsCutOffEarly() throws IOException {
        Path from = Files.createDirectories(tmp.resolve("from"));
        // 48 MB of zeros in a small .gz: more than the 47,040,016 bytes MNIST train images have
        Path bomb = from.resolve("train-images-idx3-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 48; i++) {
                out.write(zeros);
            }
        }
        Path cache = tmp.resolve("cache");
        CliRun run = CliRun.of("data", "fetch", "mnist", "--from", from.toString(), "--cache", cache.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("longer than the 47040016 bytes of train-images-idx3-ubyte"), run.err());
        assertEquals(List.of(), listing(cache.resolve("mnist")));
    }

    @Test
    void fashionMnistNeedsTheOriginalGzipFiles() throws IOException {
        Path from = tmp.resolve("from");
        DataCliFixtures.writeIdxFolder(from, DataCliFixtures.random(1, 3, 2, 2), DataCliFixtures.random(2, 3, 2, 2),
                false);
        CliRun raw = CliRun.of("data", "fetch", "fashion-mnist", "--from", from.toString(), "--cache",
                tmp.resolve("cache").toString());
        assertEquals(2, raw.exitCode());
        assertTrue(raw.err().contains("is not gzip-compressed"), raw.err());
        Path gz = tmp.resolve("gz");
        DataCliFixtures.writeIdxFolder(gz, DataCliFixtures.random(1, 3, 2, 2), DataCliFixtures.random(2, 3, 2, 2),
                true);
        CliRun fake = CliRun.of("data", "fetch", "fashion-mnist", "--from", gz.toString(), "--cache",
                tmp.resolve("cache").toString());
        assertEquals(2, fake.exitCode());
        assertTrue(fake.err().contains(gz.resolve("train-images-idx3-ubyte.gz") + ": SHA-256"), fake.err());
    }

    @Test
    void missingFilesAndUnknownSetsAreNamed() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRun run = CliRun.of("data", "fetch", "mnist", "--from", empty.toString(), "--cache", tmp.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("neither train-images-idx3-ubyte nor train-images-idx3-ubyte.gz"), run.err());
        CliRun unknown = CliRun.of("data", "fetch", "cifar", "--cache", tmp.toString());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("dot4j: unknown data set 'cifar'"), unknown.err());
    }

    /** The real Fashion-MNIST .gz files (from the cache) are accepted by --from and kept as they are. */
    @Test
    void installsRealFashionMnistFromAFolder() throws IOException {
        Path real = DataCache.root().resolve("fashion-mnist");
        for (NamedDatasets.NamedFile f : NamedDatasets.FASHION_MNIST.files()) {
            if (!Files.isRegularFile(real.resolve(f.name()))) {
                fail("Fashion-MNIST is missing from the cache: " + real.resolve(f.name()) + " not found; run `dot4j"
                        + " data fetch fashion-mnist` or set " + DataCache.VARIABLE);
            }
        }
        Path cache = tmp.resolve("cache");
        CliRun run = CliRun.of("data", "fetch", "fashion-mnist", "--from", real.toString(), "--cache",
                cache.toString());
        assertEquals(0, run.exitCode(), run.err());
        for (NamedDatasets.NamedFile f : NamedDatasets.FASHION_MNIST.files()) {
            assertArrayEquals(Files.readAllBytes(real.resolve(f.name())),
                    Files.readAllBytes(cache.resolve("fashion-mnist").resolve(f.name())), f.name());
        }
        assertEquals(NamedDatasets.FASHION_MNIST.files().stream().map(NamedDatasets.NamedFile::name).sorted()
                .toList(), listing(cache.resolve("fashion-mnist")));
    }

    /** The real MNIST (from the cache): --from with raw and gzipped files, then an already-complete cache. */
    @Test
    void installsRealMnistFromAFolderThenLeavesItAlone() throws IOException {
        Path real = DataCache.root().resolve("mnist");
        for (String name : IdxDatasets.standardFileNames()) {
            if (!Files.isRegularFile(real.resolve(name))) {
                fail("MNIST is missing from the cache: " + real.resolve(name) + " not found; run `dot4j data fetch"
                        + " mnist` or set " + DataCache.VARIABLE);
            }
        }
        Path from = Files.createDirectories(tmp.resolve("from"));
        // the big image files as they are, the label files gzipped: both forms are accepted for MNIST
        for (String name : List.of("train-images-idx3-ubyte", "t10k-images-idx3-ubyte")) {
            Files.copy(real.resolve(name), from.resolve(name));
        }
        for (String name : List.of("train-labels-idx1-ubyte", "t10k-labels-idx1-ubyte")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(from.resolve(name + ".gz")))) {
                Files.copy(real.resolve(name), out);
            }
        }
        Path cache = tmp.resolve("cache");
        CliRun first = CliRun.of("data", "fetch", "mnist", "--from", from.toString(), "--cache", cache.toString());
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("4 file(s) installed"), first.out());
        Path target = cache.resolve("mnist");
        assertEquals(IdxDatasets.standardFileNames().stream().sorted().toList(), listing(target));
        for (String name : IdxDatasets.standardFileNames()) {
            assertArrayEquals(Files.readAllBytes(real.resolve(name)), Files.readAllBytes(target.resolve(name)), name);
        }

        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        for (String name : IdxDatasets.standardFileNames()) {
            Files.setLastModifiedTime(target.resolve(name), old);
        }
        CliRun again = CliRun.of("data", "fetch", "mnist", "--cache", cache.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("present and verified"), again.out());
        for (String name : IdxDatasets.standardFileNames()) {
            assertEquals(old, Files.getLastModifiedTime(target.resolve(name)), name + " was touched");
        }

        // a damaged file is detected and replaced, the others stay untouched
        Path labels = target.resolve("t10k-labels-idx1-ubyte");
        Files.write(labels, new byte[]{1, 2, 3});
        CliRun repair = CliRun.of("data", "fetch", "mnist", "--from", from.toString(), "--cache", cache.toString());
        assertEquals(0, repair.exitCode(), repair.err());
        assertTrue(repair.err().contains(labels + " does not match the known size and SHA-256"), repair.err());
        assertTrue(repair.out().contains("1 file(s) installed"), repair.out());
        assertArrayEquals(Files.readAllBytes(real.resolve("t10k-labels-idx1-ubyte")), Files.readAllBytes(labels));
        assertEquals(old, Files.getLastModifiedTime(target.resolve("train-images-idx3-ubyte")));
        assertEquals(IdxDatasets.standardFileNames().stream().sorted().toList(), listing(target));
    }
}
