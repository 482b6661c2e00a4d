package io.dot4j.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dot4j.runtime.RandomBitConvModels;
import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.kernels.spi.BitConvKernel;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Binary convolutions on the portable kernel, unfused (trace) and fused (scores), against the reference. */
class BitConvModelsMatchReferenceTest {

    @Property(tries = 300, seed = "20261201")
    void portableKernelIsBitExact(@ForAll long seed) {
        check(RandomBitConvModels.generate(seed), BitConvKernels.portable(), seed);
    }

    /** Runs {@code model} on {@code kernel} (planar engine) and compares every layer and the scores with the reference. */
    static void check(IntModel model, BitConvKernel kernel, long seed) {
        ReferenceInterpreter ref = new ReferenceInterpreter(model);
        try (IntEngine engine = new IntEngine(model, true, kernel)) {
            assertEquals(kernel.name(), engine.bitKernel(), "kernel of model " + seed);
            byte[][] images = RandomModels.images(model, seed ^ 0xb17c0, 4);
            for (byte[] img : images) {
                List<int[]> expected = ref.run(img);
                List<int[]> actual = engine.trace(img);
                assertEquals(expected.size(), actual.size());
                for (int i = 0; i < expected.size(); i++) {
                    assertArrayEquals(expected.get(i), actual.get(i), "layer " + i + " (" + model.layers().get(i).kind()
                            + ") of model " + seed);
                }
                assertArrayEquals(expected.get(expected.size() - 1), engine.scores(img), "scores of model " + seed);
            }
            int[][] batch = engine.scoresBatch(images, 2);
            for (int i = 0; i < images.length; i++) {
                assertArrayEquals(ref.scores(images[i]), batch[i], "batch scores of model " + seed);
            }
        }
    }
}
