package io.dot4j.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.ir.IntModel;
import org.junit.jupiter.api.Test;

class IntEngineBatchTest {

    @Test
    void batchesGiveTheSameScoresOnAnyNumberOfThreads() {
        for (long seed = 100; seed < 110; seed++) {
            IntModel model = RandomModels.generate(seed);
            byte[][] images = RandomModels.images(model, seed, 37);
            try (IntEngine engine = new IntEngine(model)) {
                int[][] one = engine.scoresBatch(images, 1);
                for (int threads = 2; threads <= 5; threads++) {
                    int[][] many = engine.scoresBatch(images, threads);
                    for (int i = 0; i < images.length; i++) {
                        assertArrayEquals(one[i], many[i], "image " + i + " on " + threads + " threads");
                        assertArrayEquals(engine.scores(images[i]), many[i]);
                    }
                }
                assertArrayEquals(new int[0][], engine.scoresBatch(new byte[0][], 3));
            }
        }
    }

    @Test
    void badBatchesAreRejected() {
        IntModel model = RandomModels.generate(1);
        try (IntEngine engine = new IntEngine(model)) {
            byte[][] images = {new byte[model.input().elements()], new byte[3]};
            assertThrows(IllegalArgumentException.class, () -> engine.scoresBatch(images, 2));
            assertThrows(IllegalArgumentException.class, () -> engine.scoresBatch(new byte[1][model.input().elements()], 0));
            assertThrows(IllegalArgumentException.class, () -> engine.scores(null));
        }
    }
}
