package io.dot4j.codegen.verilog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Synthesis with {@code yosys synth_ice40} and place and route with {@code nextpnr-ice40 --up5k --package sg48} at a
 * fixed seed (the same seed gives the same result, byte for byte), for the board top; the report is parsed from
 * nextpnr's log. A latch in the netlist is an error.
 */
public final class FpgaFlow {
    /** nextpnr's default seed here; any fixed seed is deterministic. */
    public static final int SEED = 1;
    private static final Pattern CELLS = Pattern.compile("^Info:\\s+(ICESTORM_LC|ICESTORM_RAM|ICESTORM_SPRAM|ICESTORM_DSP):\\s+(\\d+)/\\s*(\\d+)");
    private static final Pattern FMAX = Pattern.compile("Max frequency for clock '[^']*': ([0-9.]+) MHz");

    private FpgaFlow() {
    }

    /** Runs both tools in the design's folder (logs synth.log and pnr.log) with {@code targetMhz} as nextpnr's goal. */
    public static FpgaReport run(ExportedDesign d, double targetMhz) throws IOException {
        Path dir = d.dir();
        String script = "read_verilog " + String.join(" ", DesignLint.files(d)) + "; synth_ice40 -top " + TopWriter.BOARD
                + " -json board.json";
        ToolRun.runOrFail(dir, dir.resolve("synth.log"), 3_600, List.of("yosys", "-p", script));
        String synth = Files.readString(dir.resolve("synth.log"));
        if (synth.contains("Latch inferred for signal")) {
            throw new ToolException("yosys inferred a latch (log " + dir.resolve("synth.log") + ")");
        }
        List<String> pnr = new ArrayList<>(List.of("nextpnr-ice40", "--up5k", "--package", "sg48", "--json", "board.json",
                "--asc", "board.asc", "--freq", String.valueOf(targetMhz), "--seed", String.valueOf(SEED), "--timing-allow-fail"));
        int rc = ToolRun.run(dir, dir.resolve("pnr.log"), 7_200, pnr);
        return parse(Files.readAllLines(dir.resolve("pnr.log")), rc == 0);
    }

    /** The last utilisation and fmax lines of a nextpnr log. */
    static FpgaReport parse(List<String> log, boolean routed) {
        int lc = -1, ebr = 0, spram = 0, dsp = 0;
        double fmax = Double.NaN;
        for (String line : log) {
            Matcher m = CELLS.matcher(line);
            if (m.find()) {
                int used = Integer.parseInt(m.group(2));
                switch (m.group(1)) {
                    case "ICESTORM_LC" -> lc = used;
                    case "ICESTORM_RAM" -> ebr = used;
                    case "ICESTORM_SPRAM" -> spram = used;
                    default -> dsp = used;
                }
            }
            Matcher f = FMAX.matcher(line);
            if (f.find()) {
                fmax = Double.parseDouble(f.group(1));
            }
        }
        if (lc < 0) {
            throw new ToolException("nextpnr's log has no device utilisation: " + String.join("\n",
                    log.subList(Math.max(0, log.size() - 10), log.size())));
        }
        return new FpgaReport(lc, ebr, spram, dsp, routed ? fmax : Double.NaN, SEED, routed && !Double.isNaN(fmax));
    }
}
