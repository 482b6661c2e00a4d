package io.dot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * picocli passes description lines through {@link String#format}; a bare '%' makes it print a warning to
 * stderr and show the raw text. Renders every command's help and checks that picocli warned about nothing.
 */
class HelpTextTest {

    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int rendered = 0;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Deque<CommandLine> todo = new ArrayDeque<>();
            todo.add(Main.commandLine());
            while (!todo.isEmpty()) {
                CommandLine cl = todo.pop();
                todo.addAll(cl.getSubcommands().values());
                assertTrue(cl.getUsageMessage().contains("Usage:"), cl.getCommandName());
                rendered++;
            }
        } finally {
            System.setErr(saved);
        }
        assertTrue(rendered > 10, "expected every subcommand, rendered " + rendered);
        assertEquals("", captured.toString(StandardCharsets.UTF_8), "picocli complained while rendering help");
    }
}
