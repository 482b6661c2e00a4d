package io.dot4j.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dot4j.runtime.conformance.ConformanceFixtures;
import io.dot4j.runtime.kernels.spi.BitConvKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine reproduces every conformance fixture bit for bit: every layer (trace) and the scores, on every kernel
 * this module has (the planar engine on the selected kernel and on the portable one, and the per-layer steps), on 1
 * and 2 threads, one image at a time and the whole batch.
 */
class ConformanceTest {

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (ConformanceFixtures.Fixture f : ConformanceFixtures.all()) {
            for (String kernel : new String[] {"selected", "portable", "steps"}) {
                for (int threads : new int[] {1, 2}) {
                    out.add(Arguments.of(f, kernel, threads));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1}, {2} thread(s)")
    @MethodSource("matrix")
    void reproducesEveryFixture(ConformanceFixtures.Fixture f, String kernel, int threads) {
        BitConvKernel k = kernel.equals("portable") ? BitConvKernels.portable() : BitConvKernels.select();
        try (IntEngine engine = new IntEngine(f.model(), !kernel.equals("steps"), k)) {
            assertEquals(!kernel.equals("steps"), engine.isPlanar(), f.name());
            byte[][] images = f.images();
            for (int i = 0; i < images.length; i++) {
                ConformanceFixtures.Case c = f.cases().get(i);
                List<int[]> trace = engine.trace(images[i]);
                for (int l = 0; l < trace.size(); l++) {
                    assertArrayEquals(c.layerOutputs().get(l), trace.get(l), f.name() + " " + c.source() + " layer " + l);
                }
                assertArrayEquals(c.scores(), engine.scores(images[i]), f.name() + " " + c.source());
                assertArrayEquals(c.scores(), engine.scoresBatch(new byte[][] {images[i]}, threads)[0], "batch of 1");
            }
            int[][] batch = engine.scoresBatch(images, threads);
            for (int i = 0; i < images.length; i++) {
                assertArrayEquals(f.cases().get(i).scores(), batch[i], f.name() + " batch of " + images.length + ", image " + i);
            }
        }
    }
}
