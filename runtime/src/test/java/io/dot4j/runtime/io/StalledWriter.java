package io.dot4j.runtime.io;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A writer that starts an atomic write of {@code args[0]} and never finishes it: it creates its part file, writes a
 * little, prints the part file's path and waits to be killed (for the stale-part-file tests).
 */
public final class StalledWriter {
    private StalledWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path part = PartFiles.create(Path.of(args[0]));
        try (OutputStream out = Files.newOutputStream(part)) {
            out.write(new byte[4096]);
        }
        System.out.println(part);
        System.out.flush();
        Thread.sleep(120_000);
    }
}
