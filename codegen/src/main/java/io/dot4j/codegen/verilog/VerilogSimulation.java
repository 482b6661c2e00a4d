package io.dot4j.codegen.verilog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The design compiled by Verilator ({@code -Wall}: a lint warning fails the build) with a C++ harness that streams
 * images through {@code dot4j_top} and records every result with its cycle numbers. Build once, run many times.
 */
public final class VerilogSimulation {
    private static final long BUILD_SECONDS = 1_200;

    private final ExportedDesign design;
    private final Path binary;

    private VerilogSimulation(ExportedDesign design, Path binary) {
        this.design = design;
        this.binary = binary;
    }

    /** Writes the harness into the design's folder and builds an optimized simulator there ({@code obj_dir/sim}). */
    public static VerilogSimulation build(ExportedDesign design) throws IOException {
        return build(design, true);
    }

    /**
     * As {@link #build(ExportedDesign)}; {@code optimize = false} compiles the C++ without optimization, which builds
     * several times faster and runs slower: right for a few images, as in the tests.
     */
    public static VerilogSimulation build(ExportedDesign design, boolean optimize) throws IOException {
        Path dir = design.dir();
        Files.writeString(dir.resolve("sim_main.cpp"), HarnessSource.of(design.plan()));
        List<String> cmd = new ArrayList<>(List.of("verilator", "-Wall", "--cc", "--exe", "--build", "-O3", "-j", "2",
                "--top-module", TopWriter.TOP, "-Mdir", "obj_dir", "-o", "sim"));
        if (!optimize) {
            cmd.addAll(List.of("-MAKEFLAGS", "OPT_FAST=-O0 OPT_SLOW=-O0 OPT_GLOBAL=-O0"));
        }
        cmd.addAll(design.sourceNames());
        cmd.add("sim_main.cpp");
        ToolRun.runOrFail(dir, dir.resolve("verilator.log"), BUILD_SECONDS, cmd);
        return new VerilogSimulation(design, dir.resolve("obj_dir").resolve("sim"));
    }

    public ExportedDesign design() {
        return design;
    }

    /** Streams the images (each C*H*W pixels, channel-last) through the design, back to back. */
    public SimulationResult run(List<byte[]> images) throws IOException {
        int per = design.plan().model().input().elements();
        Path dir = design.dir();
        Path in = dir.resolve("images.bin"), out = dir.resolve("results.txt");
        try (OutputStream os = Files.newOutputStream(in)) {
            for (int i = 0; i < images.size(); i++) {
                if (images.get(i).length != per) {
                    throw new IllegalArgumentException("image " + i + " has " + images.get(i).length + " pixels, expected " + per);
                }
                os.write(images.get(i));
            }
        }
        // a loaded machine simulates a large design at about 100,000 cycles per second: allow a quarter of that
        long seconds = 300 + images.size() * design.plan().estimatedInterval() / 25_000L;
        int rc = ToolRun.run(dir, dir.resolve("sim.log"), seconds, List.of(binary.toString(), "images.bin", "results.txt"));
        if (rc != 0) {
            throw new ToolException("simulation failed (exit code " + rc + "; log " + dir.resolve("sim.log") + "): "
                    + ToolRun.tail(dir.resolve("sim.log"), 5));
        }
        return parse(out, images.size(), design.plan().model().numClasses());
    }

    private static SimulationResult parse(Path file, int count, int classes) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.size() != count) {
            throw new ToolException(file + ": " + lines.size() + " results for " + count + " images");
        }
        List<SimulationResult.Image> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String[] f = lines.get(i).trim().split(" ");
            if (f.length != 3 + classes) {
                throw new ToolException(file + ": line " + (i + 1) + " has " + f.length + " fields, expected " + (3 + classes));
            }
            int[] scores = new int[classes];
            for (int k = 0; k < classes; k++) {
                scores[k] = Integer.parseInt(f[3 + k]);
            }
            out.add(new SimulationResult.Image(Long.parseLong(f[0]), Long.parseLong(f[1]), Integer.parseInt(f[2]), scores));
        }
        return new SimulationResult(out);
    }
}
