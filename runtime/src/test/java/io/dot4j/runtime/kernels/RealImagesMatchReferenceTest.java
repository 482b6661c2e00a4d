package io.dot4j.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.RealImages;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** LeNet-sized models on real MNIST digits (mostly zero pixels, long bit rows): engine = reference at every layer. */
class RealImagesMatchReferenceTest {

    @Test
    void lenetSizedModelsAreBitExactOnMnistDigits() {
        byte[][] digits = RealImages.mnistTest(4);
        int[][] configs = {{1, 1}, {1, 2}, {2, 2}, {2, 3}, {8, 2}};
        for (int[] cfg : configs) {
            IntModel model = RandomModels.lenetLike(cfg[0] * 10 + cfg[1], cfg[0], cfg[1]);
            ReferenceInterpreter ref = new ReferenceInterpreter(model);
            Set<String> levelSets = new HashSet<>();
            try (IntEngine engine = new IntEngine(model)) {
                for (byte[] digit : digits) {
                    List<int[]> expected = ref.run(digit), actual = engine.trace(digit);
                    for (int i = 0; i < expected.size(); i++) {
                        assertArrayEquals(expected.get(i), actual.get(i), "weights " + cfg[0] + " bits, activations "
                                + cfg[1] + " bits, layer " + i);
                    }
                    levelSets.add(Arrays.toString(Arrays.stream(expected.get(1)).distinct().sorted().toArray()));
                }
                int[][] batch = engine.scoresBatch(digits, 2);
                for (int i = 0; i < digits.length; i++) {
                    assertArrayEquals(ref.scores(digits[i]), batch[i]);
                }
            }
            assertTrue(levelSets.stream().anyMatch(s -> s.contains(",")), "the first thresholds produce more than one level");
        }
    }
}
