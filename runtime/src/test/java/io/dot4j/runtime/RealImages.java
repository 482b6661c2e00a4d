package io.dot4j.runtime;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The first images of the MNIST test set, read from the data cache ({@code DOT4J_CACHE} system property or
 * environment variable, default ~/.cache/dot4j). Missing data fails the test with a clear message: CI fetches
 * the data before running tests.
 */
public final class RealImages {
    private RealImages() {
    }

    public static Path cache() {
        String dir = System.getProperty("DOT4J_CACHE", System.getenv("DOT4J_CACHE"));
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".cache", "dot4j");
    }

    /** Up to {@code count} 28x28 MNIST test images, row-major bytes. */
    public static byte[][] mnistTest(int count) {
        Path file = cache().resolve("mnist").resolve("t10k-images-idx3-ubyte");
        if (!Files.isRegularFile(file)) {
            fail("MNIST test images not found at " + file + "; fetch the data sets (docs/DATA.md) or set DOT4J_CACHE");
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)); // big-endian IDX header
            if (b.getInt(0) != 0x803 || b.getInt(8) != 28 || b.getInt(12) != 28) {
                fail(file + " is not a 28x28 IDX image file");
            }
            int n = Math.min(count, b.getInt(4));
            byte[][] out = new byte[n][784];
            for (int i = 0; i < n; i++) {
                b.get(16 + i * 784, out[i]);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
