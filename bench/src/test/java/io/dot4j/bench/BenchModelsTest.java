package io.dot4j.bench;

import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.format.ModelWriter;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmarks' fixtures are what their names say, and the runners agree with plain references. */
class BenchModelsTest {

    @Test
    void tinyBinaryCnnHasTheAdvertisedShapeAndCost() {
        IntModel m = BenchModels.tinyBinaryCnn();
        assertEquals(List.of("Conv", "ThresholdActivation", "MaxPool", "Conv", "ThresholdActivation", "GlobalSumPool", "Dense"),
                m.layers().stream().map(l -> l.kind()).toList());
        // 26*26*16*9 + 11*11*32*144 + 10*32
        assertEquals(26L * 26 * 16 * 9 + 11L * 11 * 32 * 144 + 10 * 32, m.totalMacs());
        assertArrayEquals(ModelWriter.toBytes(m), ModelWriter.toBytes(BenchModels.tinyBinaryCnn()), "seeded, so reproducible");
    }

    @Test
    void kernelModelIsDominatedByTheBinaryConv() {
        IntModel m = BenchModels.binaryConvLayer();
        long conv = 14L * 14 * 64 * 64 * 9;
        assertTrue(m.totalMacs() >= conv && m.totalMacs() < conv * 1.02, "MACs " + m.totalMacs());
    }

    @Test
    void fullyBinaryKernelLayerHasOnePlaneAndMatchesTheReference() throws Exception {
        IntModel a1 = ModelReader.read(ModelWriter.toBytes(BenchModels.binaryConvLayer(1)));
        assertEquals(BenchModels.binaryConvLayer(2).totalMacs(), a1.totalMacs(), "same conv, same MACs");
        assertTrue(ModelWriter.toBytes(a1).length < ModelWriter.toBytes(BenchModels.binaryConvLayer(2)).length,
                "one threshold per channel instead of three");
        assertRunnerMatchesReference(a1, BenchModels.images(2, 64 * 14 * 14, 11), 1);
        assertThrows(IllegalArgumentException.class, () -> BenchModels.binaryConvLayer(3));
    }

    @Test
    void intRunnerMatchesTheReferenceInterpreter() throws Exception {
        IntModel m = ModelReader.read(ModelWriter.toBytes(BenchModels.tinyBinaryCnn()));
        assertRunnerMatchesReference(m, BenchModels.images(3, 784, 5), 2);
    }

    private static void assertRunnerMatchesReference(IntModel m, byte[][] images, int threads) throws Exception {
        try (Dot4jIntRunner r = new Dot4jIntRunner(m, images, threads)) {
            float[][] out = r.outputs();
            for (int i = 0; i < images.length; i++) {
                int[] expected = new ReferenceInterpreter(m).scores(images[i]);
                for (int j = 0; j < expected.length; j++) {
                    assertEquals(expected[j], out[i][j], "image " + i + ", class " + j);
                }
            }
        }
    }

    @Test
    void ortRunnersPassTheirOutputCheck() throws Exception {
        try (BatchRunner r = Workloads.lenet(Workloads.ORT, 2, 1, BenchModels.GENERATED)) {
            assertEquals(2, r.batch());
            assertEquals(10, r.outputs()[1].length);
        }
        try (BatchRunner r = Workloads.convLayer(Workloads.ORT_NOSPIN, 1, 2)) {
            assertEquals(64 * 14 * 14, r.outputs()[0].length);
        }
        assertThrows(IllegalArgumentException.class, () -> Workloads.lenet("tensorflow", 1, 1, BenchModels.GENERATED));
    }

    @Test
    void floatRunnerWarmUpStopsAtItsLimitAndKeepsTheOutputs() {
        float[] x = BenchModels.normalized(BenchModels.images(2, 784, 9));
        try (Dot4jFloatRunner r = new Dot4jFloatRunner(BenchModels.lenet5(), x, 2, 1, 28, 28, 1)) {
            float[][] before = r.outputs();
            long t0 = System.nanoTime();
            r.warmUp(0, 0.3);
            double seconds = (System.nanoTime() - t0) / 1e9;
            // the limit is checked after each forward; one cold forward of batch 2 takes well under 10 s
            assertTrue(seconds >= 0.3 && seconds < 10, "warm-up took " + seconds + " s");
            float[][] after = r.outputs();
            for (int i = 0; i < before.length; i++) {
                assertArrayEquals(before[i], after[i], "image " + i);
            }
        }
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, Stats.median(List.of(5.0, 1.0, 3.0)));
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertThrows(IllegalArgumentException.class, () -> Stats.median(List.of()));
    }
}
