package io.dot4j.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class EngineMatchesReferenceTest {

    @Property(tries = 1000, seed = "20261129")
    void everyLayerIsBitExact(@ForAll long seed) {
        check(seed, true);
    }

    /** The per-layer steps, which run models too large for the planar kernels. */
    @Property(tries = 300, seed = "20261130")
    void everyLayerIsBitExactOnTheSteps(@ForAll long seed) {
        check(seed, false);
    }

    /**
     * The images plus copies whose top and bottom rows are 0 (like digits on a blank background), which the
     * convolutions skip.
     */
    private static byte[][] withBlankRows(IntModel model, byte[][] images, long seed) {
        java.util.Random r = new java.util.Random(seed);
        int h = model.input().height(), row = model.input().width() * model.input().channels();
        byte[][] out = java.util.Arrays.copyOf(images, images.length * 2);
        for (int i = 0; i < images.length; i++) {
            byte[] b = images[i].clone();
            int top = r.nextInt(h), bottom = r.nextInt(h - top + 1);
            java.util.Arrays.fill(b, 0, top * row, (byte) 0);
            java.util.Arrays.fill(b, (h - bottom) * row, h * row, (byte) 0);
            out[images.length + i] = b;
        }
        return out;
    }

    private static void check(long seed, boolean planar) {
        IntModel model = RandomModels.generate(seed);
        ReferenceInterpreter ref = new ReferenceInterpreter(model);
        try (IntEngine engine = new IntEngine(model, planar)) {
            assertEquals(planar, engine.isPlanar(), "which kernels run model " + seed);
            byte[][] images = withBlankRows(model, RandomModels.images(model, seed ^ 0x5eed, 4), seed);
            for (byte[] img : images) {
                List<int[]> expected = ref.run(img);
                List<int[]> actual = engine.trace(img);
                assertEquals(expected.size(), actual.size());
                for (int i = 0; i < expected.size(); i++) {
                    assertArrayEquals(expected.get(i), actual.get(i), "layer " + i + " (" + model.layers().get(i).kind()
                            + ") of model " + seed);
                }
                assertArrayEquals(expected.get(expected.size() - 1), engine.scores(img));
            }
            int[][] batch = engine.scoresBatch(images, 2);
            for (int i = 0; i < images.length; i++) {
                assertArrayEquals(ref.scores(images[i]), batch[i]);
            }
        }
    }
}
