package io.dot4j.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.WideConvModels;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.kernels.spi.BitConvKernel;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import org.junit.jupiter.api.Test;

/**
 * One image on two threads: the engine shares its wide convolution's row tiles with a helper thread, and the scores
 * are the reference interpreter's, with the global sum fused into the split program and without it.
 */
class SplitImageMatchesReferenceTest {

    @Test
    void oneImageOnTwoThreadsIsBitExactOnThePortableKernel() {
        check(PortableBitConvKernel.INSTANCE, 1);
    }

    /** Checks every wide model on {@code kernel}; used by runtime-vector's tests too. */
    static void check(BitConvKernel kernel, long seed) {
        for (int bits = 1; bits <= 2; bits++) {
            for (boolean sum : new boolean[] {true, false}) {
                IntModel m = WideConvModels.generate(seed + bits, 64, 14, bits, sum);
                ReferenceInterpreter ref = new ReferenceInterpreter(m);
                try (IntEngine e = new IntEngine(m, true, kernel)) {
                    for (byte[] img : WideConvModels.images(m, seed, 6)) {
                        int[] expected = ref.scores(img);
                        assertArrayEquals(expected, e.scoresBatch(new byte[][] {img}, 2)[0], bits + "-bit, sum " + sum);
                        assertArrayEquals(expected, e.scoresBatch(new byte[][] {img}, 1)[0]);
                        assertArrayEquals(expected, e.scores(img));
                    }
                    assertEquals(6, e.tileSplits(), "every two-thread image split its convolution: " + bits + "-bit, sum " + sum);
                }
            }
        }
        // a small model stays on one thread
        IntModel small = WideConvModels.generate(seed, 8, 6, 2, true);
        try (IntEngine e = new IntEngine(small, true, kernel)) {
            byte[] img = WideConvModels.images(small, seed, 1)[0];
            assertArrayEquals(new ReferenceInterpreter(small).scores(img), e.scoresBatch(new byte[][] {img}, 2)[0]);
            assertTrue(e.tileSplits() == 0, "splits " + e.tileSplits());
        }
    }
}
