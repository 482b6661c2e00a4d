package io.dot4j.runtime.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary file of an atomic write: {@code .<target>.<host>-<pid>-<random>.part} in the target's folder, written
 * and then renamed over the target. A writer killed before the rename (SIGKILL, power loss) leaves its part file
 * behind; the next writer of the same target removes the part files whose owner, on this host, has ended. A part file
 * of a live process, of another host (a shared folder) or of another naming scheme is never touched.
 *
 * <p>Part files get the usual permissions (umask), unlike {@link Files#createTempFile}, so the renamed file looks like
 * any other file the user writes.
 */
public final class PartFiles {
    static final String SUFFIX = ".part";
    private static final Pattern OWNER = Pattern.compile("([A-Za-z0-9]+)-(\\d{1,19})-([0-9a-f]{1,16})");
    private static final long PID = ProcessHandle.current().pid();
    private static final String HOST = host();

    private PartFiles() {
    }

    /** Removes the stale part files of {@code target}, then creates this writer's own, empty, and returns it. */
    public static Path create(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        removeStale(abs);
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + abs.getFileName() + "." + HOST + "-" + PID + "-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong()) + SUFFIX);
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /**
     * Deletes the part files of {@code target} left by processes of this host that no longer run; returns how many.
     * Best effort: a file that cannot be listed or deleted is left as it is (it is only a hidden leftover).
     */
    public static int removeStale(Path target) {
        Path abs = target.toAbsolutePath();
        String prefix = "." + abs.getFileName() + ".";
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(abs.getParent(),
                p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(SUFFIX))) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                Matcher m = OWNER.matcher(name.substring(prefix.length(), name.length() - SUFFIX.length()));
                if (m.matches() && m.group(1).equals(HOST) && isDead(m.group(2))) {
                    removed += Files.deleteIfExists(p) ? 1 : 0;
                }
            }
        } catch (IOException | SecurityException e) {
            return removed;
        }
        return removed;
    }

    private static boolean isDead(String pidText) {
        long pid;
        try {
            pid = Long.parseLong(pidText);
        } catch (NumberFormatException e) {
            return false;
        }
        if (pid == PID) {
            return false; // our own, possibly another thread's write in progress
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        return p.isEmpty() || !p.get().isAlive();
    }

    /** This host's name, letters and digits only (it is part of a file name and must not contain the separator). */
    private static String host() {
        String h = null;
        try {
            Path f = Path.of("/proc/sys/kernel/hostname");
            if (Files.isRegularFile(f)) {
                h = Files.readString(f).strip();
            }
        } catch (IOException | SecurityException e) {
            h = null;
        }
        if (h == null || h.isEmpty()) {
            h = System.getenv().getOrDefault("HOSTNAME", System.getenv().getOrDefault("COMPUTERNAME", "host"));
        }
        String clean = h.replaceAll("[^A-Za-z0-9]", "");
        return clean.isEmpty() ? "host" : clean.length() > 32 ? clean.substring(0, 32) : clean;
    }

    /** The host part of this process's part file names (for tests). */
    static String hostTag() {
        return HOST;
    }
}
