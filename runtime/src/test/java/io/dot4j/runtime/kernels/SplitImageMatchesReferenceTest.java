package io.dot4j.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.WideConvModels;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.kernels.spi.BitConvKernel;
import io.dot4j.runtime.kernels.spi.BitConvProgram;
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

    @Test
    void tileRangesAreChecked() {
        // 5 rows = 2 tiles of 4, one slot, 32 positions
        BitConvProgram p = new BitConvProgram(5, new int[] {0}, new int[] {0}, new long[] {1, 2, 3, 4, 5}, 32, 32, 1, 0, 0,
                null, null);
        long[] grid = new long[64];
        java.util.Arrays.fill(grid, 0b1011);
        int[] whole = new int[5 * 32], halves = new int[5 * 32];
        PortableBitConvKernel.INSTANCE.run(p, grid, null, whole, 0);
        PortableBitConvKernel.INSTANCE.runTiles(p, grid, null, halves, 0, 1, 2, null);
        PortableBitConvKernel.INSTANCE.runTiles(p, grid, null, halves, 0, 0, 1, null);
        assertArrayEquals(whole, halves, "two ranges in any order = the whole program");
        for (int[] bad : new int[][] {{-1, 1}, {1, 3}, {2, 1}}) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> PortableBitConvKernel.INSTANCE.runTiles(p, grid, null, halves, 0, bad[0], bad[1], null));
            assertTrue(e.getMessage().contains("expected within [0, 2)"), e.getMessage());
        }
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
