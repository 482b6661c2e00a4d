package io.dot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ./dot4j launcher: refuses a JDK older than 25 with a message that says how to get one; starts the JVM quietly. */
class LauncherTest {

    private static final Path LAUNCHER = Path.of(System.getProperty("user.dir")).getParent().resolve("dot4j");

    @Test
    void refusesJdk17WithAClearMessage(@TempDir Path tmp) throws Exception {
        Path oldJdk = fakeJdk(tmp.resolve("jdk-17"), "17.0.15");
        Path emptySearch = Files.createDirectory(tmp.resolve("no-jdks-here"));

        Result r = run(oldJdk, emptySearch);

        assertEquals(3, r.exitCode, r.stderr);
        assertContains(r.stderr, "needs a JDK 25 or newer");
        assertContains(r.stderr, oldJdk + " (Java 17)");
        assertContains(r.stderr, "point JAVA_HOME at it");
    }

    @Test
    void refusesLegacyVersionStrings(@TempDir Path tmp) throws Exception {
        Path java8 = fakeJdk(tmp.resolve("jdk8"), "1.8.0_402");
        Result r = run(java8, Files.createDirectory(tmp.resolve("none")));
        assertEquals(3, r.exitCode, r.stderr);
        assertContains(r.stderr, "(Java 8)");
    }

    @Test
    void picksAJdk25FromTheSearchFoldersWhenJavaHomeIsOld(@TempDir Path tmp) throws Exception {
        Path oldJdk = fakeJdk(tmp.resolve("jdk-17"), "17.0.15");
        Path search = Files.createDirectory(tmp.resolve("jvm"));
        // the real JDK that runs this test is 25+: link it into the search folder
        Path real = Path.of(System.getProperty("java.home"));
        Files.createSymbolicLink(search.resolve("real-jdk"), real);

        Result r = run(oldJdk, search, "--launcher-info");

        assertEquals(0, r.exitCode, r.stderr);
        assertContains(r.stdout, "java home: " + search.resolve("real-jdk"));
    }

    /**
     * scripts/jvm.sh (the launcher's way to start the JVM) adds the Vector API module when the JDK has it and drops
     * exactly the JVM's one-line notice about it: the rest of stderr (a progress bar without a newline, other
     * warnings), stdout, stdin and the exit code pass unchanged.
     */
    @Test
    void theIncubatorNoticeAloneIsDroppedAndEverythingElsePasses(@TempDir Path tmp) throws Exception {
        Path home = Files.createDirectories(tmp.resolve("jdk/bin")).getParent();
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"25\"\nMODULES=\"java.base jdk.incubator.vector\"\n");
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/bash\necho 'WARNING: Using incubator modules: jdk.incubator.vector' >&2\n"
                + "read -r line; echo \"args: $* stdin: $line\"\nprintf 'train 50%%\\r' >&2\n"
                + "echo 'WARNING: something else' >&2\nexit 7\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jvm = LAUNCHER.getParent().resolve("scripts/jvm.sh");
        String script = "source " + jvm + "; run_java -jar x.jar a b";

        Result r = runBash(script, home, "", "typed\n");
        assertEquals(7, r.exitCode, r.stderr);
        assertEquals("args: --add-modules jdk.incubator.vector -jar x.jar a b stdin: typed\n", r.stdout);
        assertEquals("train 50%\rWARNING: something else\n", r.stderr);

        Result shown = runBash(script, home, "1", "typed\n");
        assertTrue(shown.stderr.startsWith("WARNING: Using incubator modules: jdk.incubator.vector\n"), shown.stderr);

        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"25\"\nMODULES=\"java.base\"\n");
        Result without = runBash(script, home, "", "typed\n");
        assertEquals("args: -jar x.jar a b stdin: typed\n", without.stdout, "no module when the JDK lacks it");
    }

    private static Result runBash(String script, Path javaHome, String showNotice, String stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail; " + script);
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put("DOT4J_JVM_NOTICE", showNotice);
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(1, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish within a minute");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Path fakeJdk(Path home, String version) throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        String script = "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2025-04-15' >&2\n";
        for (String tool : new String[] {"java", "javac"}) {
            Path p = bin.resolve(tool);
            Files.writeString(p, script);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return home;
    }

    private static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), () -> "expected to find <" + expected + "> in:\n" + text);
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    private static Result run(Path javaHome, Path searchDirs, String... args) throws Exception {
        var cmd = new java.util.ArrayList<String>();
        cmd.add("bash");
        cmd.add(LAUNCHER.toString());
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put("DOT4J_JDK_DIRS", searchDirs.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(1, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("launcher did not finish within a minute");
        }
        return new Result(p.exitValue(),
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
