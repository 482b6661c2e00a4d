package io.dot4j.codegen.verilog;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.RealImages;
import io.dot4j.runtime.TinyModels;
import io.dot4j.runtime.ir.IntModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random models (every layer kind, 1/2/8-bit weights, strides, paddings, 1-8-bit thresholds of both signs)
 * and the tiny MNIST models with folds that take every path of the generated layers: simulated bit for bit against
 * the reference interpreter.
 */
@Tag("slow")
class RandomModelsVerilogTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {3, 7, 12, 21})
    void randomModelIsBitExact(long seed) throws Exception {
        IntModel m = RandomModels.generate(seed);
        DesignCheck.bitExact(m, FoldSpec.NONE, Arrays.asList(RandomModels.images(m, seed, 6)), dir);
    }

    @Test
    void tinyModelWithFoldedChunksIsBitExact() throws Exception {
        // conv 0: 3 chunks of the window per fold; conv 3: row buffer (SIMD = 16 channels), 4 PEs; conv 6: the whole window, 8 PEs; dense: 2 chunks per word
        List<byte[]> images = Arrays.asList(RealImages.mnistTest(5));
        IntModel m = TinyModels.b(5, 1, RealImages.mnistTest(50));
        SimulationResult r = DesignCheck.bitExact(m, FoldSpec.parse("0=2x3,3=4x16,6=8x288,9=5x16"), images, dir);
        assertTrue(r.latency() > r.interval() / 2, "latency " + r.latency() + ", interval " + r.interval());
    }

    @Test
    void stridedTinyModelOnRowBuffersIsBitExact() throws Exception {
        // conv 0: 5x5 stride 2 pad 2 read from a row buffer of 8 rows; the others as the chooser folds them
        List<byte[]> images = Arrays.asList(RealImages.mnistTest(4));
        IntModel m = TinyModels.c(9, 8, RealImages.mnistTest(50));
        DesignCheck.bitExact(m, FoldSpec.parse("0=4x1"), images, dir);
    }
}
