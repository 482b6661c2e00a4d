package io.dot4j.codegen.c;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The QEMU TCG plugin that counts executed instructions per inference (insn_count.c, built with the host gcc). Its
 * counts are exact and the same on every run; they are instructions, not cycles.
 */
final class InsnCountPlugin {
    private InsnCountPlugin() {
    }

    static Path build(Path dir) {
        Path so = dir.resolve("libinsncount.so").toAbsolutePath();
        if (!Files.isRegularFile(so)) {
            CBuild.copyResource("insn_count.c", dir);
            Tools.run(dir, List.of("gcc", "-O2", "-shared", "-fPIC", "-Wall", "-Wextra", "-o", so.toString(),
                    "insn_count.c"), 120);
        }
        return so;
    }

    /** {calls, instructions inside the marks} from the plugin's output file. */
    static long[] read(Path file) {
        try {
            long calls = -1, inside = -1;
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split(" ");
                if (f[0].equals("calls")) {
                    calls = Long.parseLong(f[1]);
                } else if (f[0].equals("inside")) {
                    inside = Long.parseLong(f[1]);
                }
            }
            if (calls < 0 || inside < 0) {
                throw new ToolException(file + ": no instruction counts from the QEMU plugin");
            }
            return new long[] {calls, inside};
        } catch (IOException e) {
            throw new ToolException("the QEMU instruction-count plugin wrote nothing: " + file + ": " + e.getMessage());
        }
    }
}
