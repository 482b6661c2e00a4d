package io.dot4j.codegen.c;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the external tools (gcc, binutils, QEMU) with a time limit; their output goes to a log in the build folder. */
final class Tools {
    private Tools() {
    }

    /** Debian packages that provide each tool (scripts/toolchains.sh installs them). */
    static String packageOf(String tool) {
        if (tool.startsWith("arm-none-eabi-")) {
            return "gcc-arm-none-eabi libnewlib-arm-none-eabi";
        }
        if (tool.startsWith("riscv64-unknown-elf-")) {
            return "gcc-riscv64-unknown-elf";
        }
        if (tool.equals("qemu-system-arm")) {
            return "qemu-system-arm";
        }
        if (tool.equals("qemu-system-riscv32")) {
            return "qemu-system-misc";
        }
        return "gcc";
    }

    /** True when {@code tool} is on the PATH. */
    static boolean available(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code cmd} in {@code dir}; returns its output (stdout and stderr), or throws naming the tool. */
    static String run(Path dir, List<String> cmd, long timeoutSeconds) {
        String tool = cmd.get(0);
        if (!tool.contains("/") && !available(tool)) {
            throw new ToolException(tool + " not found on the PATH: install the Debian package(s) " + packageOf(tool)
                    + " (scripts/toolchains.sh installs every chip toolchain)");
        }
        Path log = dir.resolve(Path.of(tool).getFileName() + ".log");
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ToolException(tool + " did not finish within " + timeoutSeconds + " s (log: " + log + ")");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new ToolException(tool + " failed with exit code " + p.exitValue() + ": " + firstLines(out, 12)
                        + " (log: " + log + ")");
            }
            return out;
        } catch (IOException e) {
            throw new ToolException(tool + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException(tool + " interrupted");
        }
    }

    private static String firstLines(String s, int n) {
        String[] lines = s.strip().split("\n");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(n, lines.length); i++) {
            b.append(i == 0 ? "" : " | ").append(lines[i].strip());
        }
        return b.isEmpty() ? "(no output)" : b.toString();
    }
}
