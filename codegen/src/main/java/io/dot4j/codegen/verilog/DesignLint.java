package io.dot4j.codegen.verilog;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks every generated design must pass, each by the tool that knows: Verilator's lint ({@code -Wall}, no
 * warning at all), Icarus' Verilog-2005 parser, and yosys' process pass with no latch inferred.
 */
public final class DesignLint {
    private DesignLint() {
    }

    /** Runs all three on the board top (which contains dot4j_top); throws {@link ToolException} naming the log. */
    public static void check(ExportedDesign d) {
        List<String> files = files(d);
        List<String> lint = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module", TopWriter.BOARD));
        lint.addAll(files);
        ToolRun.runOrFail(d.dir(), d.dir().resolve("lint.log"), 300, lint);
        List<String> icarus = new ArrayList<>(List.of("iverilog", "-g2005", "-s", TopWriter.BOARD, "-o", "icarus.vvp"));
        icarus.addAll(files);
        ToolRun.runOrFail(d.dir(), d.dir().resolve("icarus.log"), 300, icarus);
        String script = "read_verilog " + String.join(" ", files) + "; hierarchy -check -top " + TopWriter.BOARD
                + "; proc; select -assert-none t:$dlatch t:$adlatch t:$dlatchsr t:$_DLATCH*";
        int rc = ToolRun.run(d.dir(), d.dir().resolve("latches.log"), 600, List.of("yosys", "-q", "-p", script));
        if (rc != 0) {
            throw new ToolException("yosys found latches or errors in " + d.dir() + " (log " + d.dir().resolve("latches.log")
                    + "):\n" + ToolRun.tail(d.dir().resolve("latches.log"), 10));
        }
    }

    static List<String> files(ExportedDesign d) {
        List<String> files = new ArrayList<>(d.sourceNames());
        files.add(d.board().getFileName().toString());
        return files;
    }
}
