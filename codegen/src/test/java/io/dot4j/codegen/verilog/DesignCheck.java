package io.dot4j.codegen.verilog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.nio.file.Path;
import java.util.List;

/** Exports a model, lints it, simulates it with Verilator and compares every score with the reference interpreter. */
final class DesignCheck {
    private DesignCheck() {
    }

    static SimulationResult bitExact(IntModel model, FoldSpec folds, List<byte[]> images, Path dir) throws Exception {
        DesignPlan plan = DesignPlan.of(model, folds);
        ExportedDesign d = VerilogExport.write(plan, dir);
        DesignLint.check(d);
        SimulationResult r = VerilogSimulation.build(d, false).run(images);
        ReferenceInterpreter ref = new ReferenceInterpreter(model);
        assertEquals(images.size(), r.images().size());
        for (int i = 0; i < images.size(); i++) {
            int[] expected = ref.scores(images.get(i));
            SimulationResult.Image got = r.images().get(i);
            assertArrayEquals(expected, got.scores(), "image " + i + " of " + plan.folds() + " in " + dir);
            assertEquals(IntModel.argmax(expected), got.label(), "class of image " + i);
        }
        return r;
    }
}
