package io.dot4j.cli.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.cli.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalToolsTest {

    @TempDir
    Path tmp;

    @Test
    void missingToolSaysWhatToDo() {
        UserError e = assertThrows(UserError.class,
                () -> ExternalTools.require("npm", tmp.toString(), "install npm or use --from DIR"));
        assertEquals("npm was not found on the PATH; install npm or use --from DIR", e.getMessage());
    }

    @Test
    void findsAnExecutableOnThePath() throws IOException {
        Path tool = Files.writeString(tmp.resolve("npm"), "#!/bin/sh\nexit 0\n");
        Path other = Files.createDirectories(tmp.resolve("other"));
        assertThrows(UserError.class, () -> ExternalTools.require("npm", tmp.toString(), "hint"));
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(tool, ExternalTools.require("npm", other + ":" + tmp, "hint"));
    }

    @Test
    void failingCommandReportsItsExitCodeAndOutput() throws IOException {
        Path script = Files.writeString(tmp.resolve("fail.sh"), "#!/bin/sh\necho 'no such package' >&2\nexit 3\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        UserError e = assertThrows(UserError.class, () -> ExternalTools.run(tmp, "try --from", script.toString()));
        assertTrue(e.getMessage().contains("exit code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("no such package"), e.getMessage());
        assertTrue(e.getMessage().endsWith("try --from"), e.getMessage());
    }
}
