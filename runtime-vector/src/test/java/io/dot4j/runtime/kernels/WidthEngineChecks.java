package io.dot4j.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dot4j.runtime.RandomBitConvModels;
import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import io.dot4j.runtime.vector.VectorBitConvKernel;
import java.util.List;

/**
 * The engine checks that {@code WidthCheck} runs in child JVMs at one vector width each (EngineMatrixTest is the
 * matrix at this JVM's width): the engine on the Vector API kernel against the reference interpreter, its reported
 * plan, and a signature of the plans of fixed random models that must not depend on the width.
 */
public final class WidthEngineChecks {
    private static final VectorBitConvKernel KERNEL = new VectorBitConvKernel();

    private WidthEngineChecks() {
    }

    /** Every layer (trace), the fused scores one by one, and a batch on two threads, against the reference. */
    public static void engineEqualsTheReference(IntModel model, long seed) {
        ReferenceInterpreter ref = new ReferenceInterpreter(model);
        byte[][] images = RandomModels.images(model, seed, 3);
        try (IntEngine engine = new IntEngine(model, true, KERNEL)) {
            assertEquals(KERNEL.name(), engine.bitKernel(), "model " + seed);
            int[][] batch = engine.scoresBatch(images, 2);
            for (int i = 0; i < images.length; i++) {
                List<int[]> want = ref.run(images[i]), got = engine.trace(images[i]);
                for (int l = 0; l < want.size(); l++) {
                    assertArrayEquals(want.get(l), got.get(l), "model " + seed + ", image " + i + ", layer " + l);
                }
                int[] scores = want.get(want.size() - 1);
                assertArrayEquals(scores, engine.scores(images[i]), "model " + seed + ", image " + i);
                assertArrayEquals(scores, batch[i], "model " + seed + ", image " + i + " in a batch on 2 threads");
            }
        }
    }

    /** Random binary-conv and random models of every layer kind from {@code seed}, and their reported plans. */
    public static void check(long seed) {
        engineEqualsTheReference(RandomBitConvModels.generate(seed), seed);
        engineEqualsTheReference(RandomModels.generate(seed), seed);
        PlannedOperationsTest.check(RandomBitConvModels.generate(seed ^ 0x9e37), KERNEL, seed);
    }

    /**
     * The operations and fusions of the engines of a fixed set of random models, with kernel names and widths left
     * out: the same at every width (compared across child JVMs by EveryWidthInChildJvmTest).
     */
    public static String planSignature() {
        StringBuilder sb = new StringBuilder();
        for (long seed = 1; seed <= 30; seed++) {
            for (IntModel m : List.of(RandomBitConvModels.generate(seed), RandomModels.generate(seed))) {
                try (IntEngine e = new IntEngine(m, true, KERNEL)) {
                    for (PlannedOperation op : e.plan()) {
                        sb.append(op.firstLayer()).append('-').append(op.lastLayer()).append(op.operation())
                                .append(op.fusions()).append(op.kernel().startsWith("vector-") ? "V" : op.kernel())
                                .append(';');
                    }
                }
            }
        }
        return Integer.toHexString(sb.toString().hashCode());
    }
}
