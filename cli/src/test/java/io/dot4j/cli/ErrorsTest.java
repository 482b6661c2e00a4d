package io.dot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.core.data.DataFormatException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ErrorsTest {

    private final StringWriter err = new StringWriter();
    private final CommandLine cl = Main.commandLine();

    ErrorsTest() {
        cl.setErr(new PrintWriter(err, true));
    }

    private int handle(Exception e) throws Exception {
        return cl.getExecutionExceptionHandler().handleExecutionException(e, cl, null);
    }

    @Test
    void userFacingErrorsBecomeOneLineAndExitCode2() throws Exception {
        assertEquals(2, handle(new DataFormatException(Path.of("f.idx"), "byte offset 4", "bad")));
        assertEquals(2, handle(new UncheckedIOException(new NoSuchFileException("missing.bin"))));
        assertEquals(2, handle(new UserError("first line\nsecond line")));
        assertEquals("dot4j: f.idx at byte offset 4: bad" + System.lineSeparator()
                + "dot4j: missing.bin: no such file or folder" + System.lineSeparator()
                + "dot4j: first line" + System.lineSeparator(), err.toString());
    }

    @Test
    void bugsKeepTheirStackTrace() {
        NullPointerException bug = new NullPointerException("bug");
        assertSame(bug, assertThrows(NullPointerException.class, () -> handle(bug)));
        assertTrue(err.toString().isEmpty());
    }

    @Test
    void noMessageEndsInNull() throws Exception {
        assertEquals(2, handle(new java.io.IOException("data.idx: corrupt gzip stream: null")));
        assertEquals(2, handle(new java.io.EOFException()));
        assertEquals("dot4j: data.idx: corrupt gzip stream" + System.lineSeparator() + "dot4j: EOFException"
                + System.lineSeparator(), err.toString());
    }
}
