package io.dot4j.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.TinyModels;
import io.dot4j.runtime.format.ModelWriter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartFilesTest {

    /** Starts a {@link StalledWriter} of {@code target} in a child JVM; returns it once its part file exists. */
    static Process stalledWriter(Path target, Path[] part) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), StalledWriter.class.getName(), target.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) {
            p.destroyForcibly();
            throw new AssertionError("the stalled writer printed nothing");
        }
        part[0] = Path.of(line);
        return p;
    }

    @Tag("slow")
    @Test
    void theNextWriterRemovesThePartFileOfAWriterKilledWithSigkillButNeverALiveOnes(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("model.dot4j");
        Path[] killedPart = new Path[1], livePart = new Path[1];
        Process killed = stalledWriter(target, killedPart);
        Process live = stalledWriter(target, livePart);
        try {
            killed.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
            assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
            assertTrue(Files.exists(killedPart[0]), "the killed writer left its part file");
            ModelWriter.write(TinyModels.a(1, 1, new byte[][] {new byte[28 * 28]}), target);
            assertFalse(Files.exists(killedPart[0]), "the next writer removed the dead writer's part file");
            assertTrue(Files.exists(livePart[0]), "a live writer's part file is never touched");
            assertTrue(Files.size(target) > 0);
        } finally {
            live.destroyForcibly();
            live.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(1, PartFiles.removeStale(target)); // the second writer, now dead too
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(target), s.toList());
        }
    }

    @Test
    void otherHostsOtherSchemesAndOtherTargetsAreLeftAlone(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("ck.ckpt");
        long dead = deadPid();
        Path mineDead = Files.createFile(dir.resolve(".ck.ckpt." + PartFiles.hostTag() + "-" + dead + "-ab12.part"));
        Path otherHost = Files.createFile(dir.resolve(".ck.ckpt.elsewhere" + PartFiles.hostTag() + "-" + dead + "-ab12.part"));
        Path oldScheme = Files.createFile(dir.resolve(".ck.ckpt.9f3a77.part"));
        Path otherTarget = Files.createFile(dir.resolve(".ck.ckpt.x." + PartFiles.hostTag() + "-" + dead + "-ab12.part"));
        Path own = PartFiles.create(target);
        assertFalse(Files.exists(mineDead));
        for (Path kept : new Path[] {otherHost, oldScheme, otherTarget, own}) {
            assertTrue(Files.exists(kept), kept.toString());
        }
        assertEquals(0, PartFiles.removeStale(target)); // our own part file: this process is alive
        Path second = PartFiles.create(target);
        assertNotEquals(own, second);
        assertTrue(second.getFileName().toString().matches("\\.ck\\.ckpt\\.[A-Za-z0-9]+-\\d+-[0-9a-f]+\\.part"));
    }

    /** The pid of a process that has ended (a short-lived child). */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }
}
