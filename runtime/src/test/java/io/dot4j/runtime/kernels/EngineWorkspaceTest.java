package io.dot4j.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.analysis.ModelAnalysis;
import io.dot4j.runtime.conformance.ConformanceFixtures;
import io.dot4j.runtime.ir.IntModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the engine says it works in is what it allocates, and never less than the analysis' int32 tensors. */
class EngineWorkspaceTest {

    @Test
    void workspaceBytesAreTheBuffersThePlanAllocates() {
        List<IntModel> models = new ArrayList<>();
        for (ConformanceFixtures.Fixture f : ConformanceFixtures.all()) {
            models.add(f.model());
        }
        for (long seed = 0; seed < 40; seed++) {
            models.add(RandomModels.generate(seed));
        }
        for (IntModel m : models) {
            long tensors = ModelAnalysis.of(m).buffers().enginePerThreadBytes();
            try (IntEngine planar = new IntEngine(m, true, BitConvKernels.portable());
                 IntEngine steps = new IntEngine(m, false, BitConvKernels.portable())) {
                PlanarPlan.Workspace ws = PlanarPlan.compile(m, BitConvKernels.portable()).newWorkspace();
                long ints = ws.input.length;
                for (int[] b : ws.buffers) {
                    ints += b.length;
                }
                assertEquals(4 * ints, planar.workspaceBytesPerThread(), m.toString());
                assertTrue(planar.workspaceBytesPerThread() >= tensors, "planar buffers hold every tensor");
                assertEquals(tensors, steps.workspaceBytesPerThread(), "the steps allocate one int per element");
            }
        }
    }
}
