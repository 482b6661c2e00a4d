package io.dot4j.codegen.verilog;

import java.nio.file.Path;
import java.util.List;

/**
 * A design written to a folder: the Verilog sources of {@code dot4j_top} (building blocks, layers, top), the board
 * wrapper, and the weight ROM files the sources read by name (the tools run in {@code dir}).
 */
public record ExportedDesign(DesignPlan plan, Path dir, List<Path> sources, Path board, List<Path> roms) {

    /** File names of the sources, relative to {@link #dir()}. */
    public List<String> sourceNames() {
        return sources.stream().map(p -> p.getFileName().toString()).toList();
    }
}
