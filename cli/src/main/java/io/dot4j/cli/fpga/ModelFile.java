package io.dot4j.cli.fpga;

import io.dot4j.cli.UserError;
import io.dot4j.codegen.verilog.DesignPlan;
import io.dot4j.codegen.verilog.FoldSpec;
import io.dot4j.codegen.verilog.UnsupportedModelException;
import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.ir.IntModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a .dot4j model and plans its design, turning every problem into one line that names the file. */
final class ModelFile {
    private ModelFile() {
    }

    static IntModel read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such model file");
        }
        return ModelReader.read(file);
    }

    static DesignPlan plan(Path file, IntModel model, String folds, int budget) {
        try {
            return DesignPlan.of(model, FoldSpec.parse(folds), budget);
        } catch (UnsupportedModelException | IllegalArgumentException e) {
            throw new UserError(file + ": " + e.getMessage(), e);
        }
    }
}
