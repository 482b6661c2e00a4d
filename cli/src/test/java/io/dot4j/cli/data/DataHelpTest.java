package io.dot4j.cli.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.cli.CliRun;
import io.dot4j.core.data.NamedDatasets;
import org.junit.jupiter.api.Test;

/** The help text of --data is a constant (annotations need one): it must name every set NamedDatasets lists. */
class DataHelpTest {
    @Test
    void namesEveryNamedSetAndEveryCommandWithDataShowsIt() {
        String start = String.join(" or ", NamedDatasets.NAMES) + " (from the cache";
        assertTrue(DataHelp.REFERENCE.startsWith(start), DataHelp.REFERENCE);
        for (String[] command : new String[][] {{"data", "info"}, {"train"}, {"eval"}, {"verify"}, {"demo"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            CliRun r = CliRun.of(args);
            String help = r.out().replaceAll("\\s+", " ");
            assertTrue(help.contains("a folder of images with train/ and test/ sub-folders"), String.join(" ", command) + ": " + help);
            assertTrue(help.contains("a CSV file"), help);
        }
    }
}
