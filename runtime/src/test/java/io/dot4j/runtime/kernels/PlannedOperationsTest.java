package io.dot4j.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.RandomBitConvModels;
import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The plan an engine reports is the one it runs: its operations cover every layer once, in order; fused operations
 * name the layers they took in; each operation names the kernel that runs it; and the engine's scores (the fused
 * operations) equal the reference interpreter's.
 */
public class PlannedOperationsTest {

    public static void check(IntModel model, io.dot4j.runtime.kernels.spi.BitConvKernel kernel, long seed) {
        try (IntEngine engine = new IntEngine(model, true, kernel)) {
            List<PlannedOperation> plan = engine.plan();
            int next = 0;
            for (PlannedOperation op : plan) {
                if (op.firstLayer() < 0) {
                    assertEquals(0, next, "the input conversion comes first, model " + seed);
                    continue;
                }
                assertEquals(next, op.firstLayer(), "operations cover the layers in order, model " + seed + ": " + plan);
                assertTrue(op.lastLayer() >= op.firstLayer());
                assertEquals(op.lastLayer() - op.firstLayer(), op.fusions().stream().filter(f -> !f.equals("16-bit lanes"))
                        .count(), "one fusion named per extra layer: " + op.line());
                if (!engine.bitKernel().equals("steps")) {
                    assertTrue(op.kernel().equals(kernel.name()) || op.kernel().equals("java loops"), op.line());
                }
                assertEquals(PlannedOperation.vectorBits(op.kernel()), op.vectorBits());
                next = op.lastLayer() + 1;
            }
            assertEquals(model.layers().size(), next, "every layer is computed, model " + seed + ": " + plan);
            ReferenceInterpreter ref = new ReferenceInterpreter(model);
            for (byte[] img : RandomModels.images(model, seed, 2)) {
                assertArrayEquals(ref.scores(img), engine.scores(img), "model " + seed);
            }
        }
    }

    @Property(tries = 100, seed = "20261208")
    void randomModelsReportWhatTheyRun(@ForAll long seed) {
        check(RandomModels.generate(seed), BitConvKernels.portable(), seed);
    }

    @Property(tries = 100, seed = "20261209")
    void binaryConvModelsReportWhatTheyRun(@ForAll long seed) {
        check(RandomBitConvModels.generate(seed), BitConvKernels.portable(), seed);
    }
}
