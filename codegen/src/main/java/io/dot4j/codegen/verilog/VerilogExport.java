package io.dot4j.codegen.verilog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link DesignPlan} as a folder of Verilog-2005: the building blocks, one module per matrix-vector layer,
 * its weight ROM ({@code $readmemh} file, read from the folder the tools run in), the two top modules and
 * {@code plan.txt}.
 */
public final class VerilogExport {
    /** The fixed building blocks, copied from the resources. */
    static final List<String> BLOCKS = List.of("d4j_skid.v", "d4j_window.v", "d4j_rows.v", "d4j_maxpool.v", "d4j_tilepool.v", "d4j_gsum.v", "d4j_argmax.v");

    private VerilogExport() {
    }

    /** Writes the design into {@code dir} (created if needed) and returns what was written. */
    public static ExportedDesign write(DesignPlan plan, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> sources = new ArrayList<>();
        for (String block : BLOCKS) {
            try (InputStream in = VerilogExport.class.getResourceAsStream(block)) {
                if (in == null) {
                    throw new IllegalStateException("building block " + block + " missing from the codegen jar");
                }
                sources.add(write(dir.resolve(block), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        List<Path> roms = new ArrayList<>();
        for (MvuLayer l : plan.mvuLayers()) {
            MvuWriter w = new MvuWriter(l);
            sources.add(write(dir.resolve(l.name() + ".v"), w.module()));
            roms.add(write(dir.resolve(WeightRom.file(l)), String.join("\n", WeightRom.lines(l)) + "\n"));
        }
        for (Stage s : plan.stages()) {
            if (s instanceof Stage.Levels t) {
                sources.add(write(dir.resolve(t.moduleName() + ".v"), ThresholdWriter.module(t)));
            }
        }
        Path top = write(dir.resolve(TopWriter.TOP + ".v"), TopWriter.top(plan));
        sources.add(top);
        Path board = write(dir.resolve(TopWriter.BOARD + ".v"), TopWriter.board(plan));
        write(dir.resolve("plan.txt"), plan.describe());
        return new ExportedDesign(plan, dir, List.copyOf(sources), board, List.copyOf(roms));
    }

    private static Path write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }
}
