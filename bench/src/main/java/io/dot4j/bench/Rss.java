package io.dot4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process from /proc/self/status (Linux), in bytes. */
public final class Rss {
    private Rss() {
    }

    /** Current resident set size (VmRSS). */
    public static long current() {
        return field("VmRSS:");
    }

    /** Peak resident set size so far (VmHWM). */
    public static long peak() {
        return field("VmHWM:");
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024L; // the kernel reports kB
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + name + " from /proc/self/status (Linux only): " + e.getMessage(), e);
        }
        throw new IllegalStateException("/proc/self/status has no " + name + " line");
    }
}
