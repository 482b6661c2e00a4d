package io.dot4j.cli.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inputs that used to end in an OutOfMemoryError, given to a real dot4j JVM with a 256 MB heap: each is refused
 * with one line and exit code 2, because the network is sized before anything is allocated.
 */
@Tag("slow")
class LowHeapCommandTest {

    /** Runs {@code dot4j args} in a child JVM with {@code -Xmx256m}; returns exit code and stderr. */
    static String[] dot4j(Path dir, String... args) throws Exception {
        return dot4jWith(dir, List.of(), args);
    }

    static void refused(Path dir, String prefix, String... args) throws Exception {
        String[] r = dot4j(dir, args);
        assertEquals("2", r[0], r[1]);
        assertEquals(1, r[1].lines().count(), r[1]);
        assertTrue(r[1].startsWith("dot4j: " + prefix), r[1]);
        assertTrue(!r[1].contains("OutOfMemoryError"), r[1]);
    }

    @Test
    void hugeCheckpointsAndRecipesAreRefusedUnderA256MbHeap(@TempDir Path dir) throws Exception {
        Path ckpt = HostileFiles.floatClaiming(dir, "huge.ckpt", "{\"height\": 2600, \"width\": 2600}");
        refused(dir, ckpt + ": meta.model.args: the network needs 2,028,031,410 parameters", "eval", ckpt.toString(),
                "--data", "mnist");
        Path recipeCkpt = HostileFiles.recipeClaiming(dir, "conv.ckpt", HostileFiles.HUGE_RECIPE);
        refused(dir, "conv.ckpt (recipe): layers[0] (the largest part): the network needs 2,131,197,962 parameters",
                "export", recipeCkpt.toString(), "--out", dir.resolve("m.dot4j").toString());
        Path recipe = Files.writeString(dir.resolve("huge.json"), HostileFiles.HUGE_RECIPE);
        refused(dir, "huge.json: layers[0] (the largest part)", "train", "--recipe", recipe.toString(), "--out",
                dir.resolve("run").toString());
    }

    @Test
    void theLimitCanBeRaisedWithASystemProperty(@TempDir Path dir) throws Exception {
        Path ckpt = HostileFiles.floatClaiming(dir, "big.ckpt", "{\"height\": 100, \"width\": 100}");
        // 3,030,410 parameters: refused under a lowered limit, and past the limit check (to the tensor check) by default
        String[] low = dot4jWith(dir, List.of("-Ddot4j.limit.params=1000000"), "eval", ckpt.toString(), "--data", "mnist");
        assertEquals("2", low[0], low[1]);
        assertTrue(low[1].contains("more than the limit of 1,000,000 (raise it with -Ddot4j.limit.params=N)"), low[1]);
        String[] normal = dot4j(dir, "eval", ckpt.toString(), "--data", "mnist");
        assertEquals("2", normal[0], normal[1]);
        assertTrue(normal[1].contains("tensor param/fc1.W of the model declared in the header is missing"), normal[1]);
    }

    /** Runs {@code dot4j args} in a child JVM with {@code -Xmx256m} and {@code jvmOptions}; returns exit code and stderr. */
    private static String[] dot4jWith(Path dir, List<String> jvmOptions, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.dot4j.cli.Main"));
        cmd.addAll(List.of(args));
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("dot4j " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new String[] {String.valueOf(p.exitValue()), Files.readString(err, StandardCharsets.UTF_8).strip()};
    }
}
