package io.dot4j.codegen.verilog;

import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.kernels.IntEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The verify back end for Verilog: the design built and simulated with Verilator on a stream of images, every
 * image's scores compared with the Java runtime's.
 */
public final class VerilogBitExactness {

    /** The first image whose scores differ. */
    public record Mismatch(int image, int[] runtime, int[] verilog) {
        @Override
        public String toString() {
            return "image " + image + ": Java runtime " + Arrays.toString(runtime) + ", Verilog simulation "
                    + Arrays.toString(verilog);
        }
    }

    /** Images compared, the first mismatch if any, and the simulation's cycle counts. */
    public record Result(int images, Optional<Mismatch> mismatch, SimulationResult simulation, DesignPlan plan) {
    }

    private VerilogBitExactness() {
    }

    /** Exports {@code model} into {@code dir} with {@code folds}, simulates {@code images} (channel-last) and compares. */
    public static Result check(IntModel model, FoldSpec folds, List<byte[]> images, Path dir) throws IOException {
        DesignPlan plan = DesignPlan.of(model, folds);
        ExportedDesign d = VerilogExport.write(plan, dir);
        SimulationResult sim = VerilogSimulation.build(d).run(images);
        try (IntEngine engine = new IntEngine(model)) {
            for (int i = 0; i < images.size(); i++) {
                int[] expected = engine.scores(images.get(i));
                int[] got = sim.images().get(i).scores();
                if (!Arrays.equals(expected, got)) {
                    return new Result(i + 1, Optional.of(new Mismatch(i, expected, got)), sim, plan);
                }
            }
        }
        return new Result(images.size(), Optional.empty(), sim, plan);
    }
}
