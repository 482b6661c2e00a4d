package io.dot4j.cli.data;

import io.dot4j.cli.UserError;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds and runs the system tools fetch relies on (npm, apt-get, dpkg), with clear errors when they are missing. */
final class ExternalTools {

    /** Generous: npm and apt-get download tens of megabytes. */
    static final long TIMEOUT_MINUTES = 15;

    private ExternalTools() {
    }

    /** The executable {@code name} on {@code searchPath} (PATH syntax), or a {@link UserError} with {@code hint}. */
    static Path require(String name, String searchPath, String hint) {
        if (searchPath != null) {
            for (String dir : searchPath.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new UserError(name + " was not found on the PATH; " + hint);
    }

    /** {@link #require(String, String, String)} on this process's PATH. */
    static Path require(String name, String hint) {
        return require(name, System.getenv("PATH"), hint);
    }

    /**
     * Runs a command in {@code dir}, its output going to a log file there; fails with the log's last lines when it
     * exits non-zero or takes longer than {@link #TIMEOUT_MINUTES} minutes.
     */
    static void run(Path dir, String hint, String... command) throws IOException {
        Path log = dir.resolve(".dot4j-" + Path.of(command[0]).getFileName() + ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        boolean finished;
        try {
            finished = p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while running " + String.join(" ", command));
        }
        if (!finished) {
            p.destroyForcibly();
            throw new UserError(String.join(" ", command) + " did not finish within " + TIMEOUT_MINUTES
                    + " minutes; " + hint);
        }
        if (p.exitValue() != 0) {
            throw new UserError(String.join(" ", command) + " failed with exit code " + p.exitValue() + " ("
                    + tail(log) + "); " + hint);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(log).stream()
                    .map(String::strip).filter(s -> !s.isEmpty()).toList());
            List<String> last = lines.subList(Math.max(0, lines.size() - 3), lines.size());
            return last.isEmpty() ? "no output" : String.join(" | ", last);
        } catch (IOException | RuntimeException e) {
            return "no readable output";
        }
    }
}
