package io.dot4j.codegen.verilog;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external tool (Verilator, yosys, nextpnr, the simulation) in a folder, at lower priority ({@code nice}),
 * with its output in a log file; a tool that is not installed or fails is reported in one line naming the log.
 */
final class ToolRun {
    private ToolRun() {
    }

    /** The executable on PATH, or an error saying how to install it. */
    static String require(String tool) {
        if (tool.contains(File.separator)) {
            return tool;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, tool);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        throw new ToolException(tool + " is not installed (not on PATH): apt-get install -y --no-install-recommends "
                + "iverilog verilator yosys nextpnr-ice40 fpga-icestorm (see docs/CODEGEN_VERILOG.md)");
    }

    /** Runs {@code command} in {@code dir} under {@code nice -n 10}; output goes to {@code log}. Returns the exit code. */
    static int run(Path dir, Path log, long timeoutSeconds, List<String> command) {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
            cmd.add("/usr/bin/nice");
            cmd.add("-n");
            cmd.add("10");
        }
        cmd.add(require(command.get(0)));
        cmd.addAll(command.subList(1, command.size()));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ToolException(command.get(0) + " did not finish within " + timeoutSeconds + " s (log: " + log + ")");
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new ToolException(command.get(0) + ": cannot start (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException(command.get(0) + ": interrupted");
        }
    }

    /** As {@link #run} but a non-zero exit code is an error naming the log and its last lines. */
    static void runOrFail(Path dir, Path log, long timeoutSeconds, List<String> command) {
        int rc = run(dir, log, timeoutSeconds, command);
        if (rc != 0) {
            throw new ToolException(command.get(0) + " failed (exit code " + rc + "; log " + log + "):\n" + tail(log, 15));
        }
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
