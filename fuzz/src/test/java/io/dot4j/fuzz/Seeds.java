package io.dot4j.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The committed seed corpus: {@code src/test/resources/io/dot4j/fuzz/ReadersFuzzTestInputs/<reader>/}, where Jazzer's
 * JUnit integration finds it too (as regression inputs in a normal build, as the starting corpus when fuzzing). Files
 * named {@code crash-*} are findings kept as regression inputs; the others are valid files of the reader's format.
 */
final class Seeds {
    static final List<String> READERS = List.of("model", "checkpoint", "idx", "csv", "recipe", "sweep", "imageFolder", "png");

    private Seeds() {
    }

    /** Every committed input of a reader, sorted by file name. */
    static List<Path> files(String reader) {
        URL url = Seeds.class.getResource("ReadersFuzzTestInputs/" + reader);
        if (url == null) {
            throw new IllegalStateException("no seed folder for " + reader);
        }
        try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The valid seeds of a reader (not the crash regression inputs), as bytes. */
    static List<byte[]> valid(String reader) {
        List<byte[]> out = new ArrayList<>();
        for (Path p : files(reader)) {
            if (!p.getFileName().toString().startsWith("crash-")) {
                try {
                    out.add(Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    /** A valid 2 x 2 grey PNG (the second class of the image-folder harness). */
    static byte[] tinyPng() {
        try (InputStream in = Seeds.class.getResourceAsStream("ReadersFuzzTestInputs/png/grey-2x2.png")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
