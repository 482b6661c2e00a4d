package io.dot4j.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.RandomBitConvModels;
import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.RealImages;
import io.dot4j.runtime.TinyModels;
import io.dot4j.runtime.WideConvModels;
import io.dot4j.runtime.conformance.ConformanceFixtures;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.kernels.spi.BitConvKernel;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import io.dot4j.runtime.vector.VectorBitConvKernel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine against the reference interpreter, as one matrix: model families x kernel x threads x batch. Every cell
 * compares every layer (trace) and the scores of one image at a time, and the scores of batches of {@code batch}
 * images on {@code threads} threads. Random families draw different seeds in every cell.
 *
 * <ul>
 *   <li>families: random models of every layer kind, random binary-conv models (on images with blank rows too),
 *       the tiny deployed models and LeNet-sized ones on real MNIST digits, wide convolutions (one image shared by two
 *       threads), the conformance fixtures;</li>
 *   <li>kernels: the portable planar kernel, the Vector API kernel (constructed directly, so it runs even where it is
 *       not the one selected), the per-layer steps.</li>
 * </ul>
 */
class EngineMatrixTest {
    private static final BitConvKernel VECTOR = new VectorBitConvKernel();
    private static final String[] FAMILIES = {"random", "bitconv", "tiny-mnist", "lenet-mnist", "wide", "balanced",
        "conformance"};
    private static final int[] THREADS = {1, 2}, BATCHES = {1, 5};

    enum Kernel { PORTABLE, VECTOR, STEPS }

    /** A model and the images to run it on; {@code splits}: whether a one-image batch on two threads shares its work. */
    record Sample(String label, IntModel model, byte[][] images, boolean splits) {
        Sample(String label, IntModel model, byte[][] images) {
            this(label, model, images, false);
        }
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cells = new ArrayList<>();
        for (String family : FAMILIES) {
            for (Kernel kernel : Kernel.values()) {
                for (int threads : THREADS) {
                    for (int batch : BATCHES) {
                        cells.add(Arguments.of(family, kernel, threads, batch));
                    }
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} x {1} x {2} thread(s) x batch {3}")
    @MethodSource("matrix")
    void engineEqualsTheReference(String family, Kernel kernel, int threads, int batch) {
        long cell = ((family.hashCode() * 31L + kernel.ordinal()) * 31 + threads) * 31 + batch;
        for (Sample s : samples(family, cell)) {
            check(s, kernel, threads, batch, family.equals("wide"));
        }
    }

    private static void check(Sample s, Kernel kernel, int threads, int batch, boolean split) {
        ReferenceInterpreter ref = new ReferenceInterpreter(s.model());
        boolean planar = kernel != Kernel.STEPS;
        try (IntEngine engine = new IntEngine(s.model(), planar, kernel == Kernel.VECTOR ? VECTOR : BitConvKernels.portable())) {
            if (planar) {
                assertEquals(kernel == Kernel.VECTOR ? VECTOR.name() : "portable", engine.bitKernel(), s.label());
            } else {
                assertEquals("steps", engine.bitKernel(), s.label());
            }
            int[][] expected = new int[s.images().length][];
            for (int i = 0; i < s.images().length; i++) {
                List<int[]> want = ref.run(s.images()[i]), got = engine.trace(s.images()[i]);
                assertEquals(want.size(), got.size());
                for (int l = 0; l < want.size(); l++) {
                    assertArrayEquals(want.get(l), got.get(l), s.label() + ", image " + i + ", layer " + l + " ("
                            + s.model().layers().get(l).kind() + ")");
                }
                expected[i] = want.get(want.size() - 1);
                assertArrayEquals(expected[i], engine.scores(s.images()[i]), s.label() + ", image " + i);
            }
            long splitsBefore = engine.tileSplits();
            for (int from = 0; from < expected.length; from += batch) {
                byte[][] chunk = Arrays.copyOfRange(s.images(), from, Math.min(expected.length, from + batch));
                int[][] got = engine.scoresBatch(chunk, threads);
                for (int i = 0; i < chunk.length; i++) {
                    assertArrayEquals(expected[from + i], got[i], s.label() + ", batch from image " + from + ", image " + i);
                }
            }
            if (split && planar && threads == 2 && batch == 1) {
                assertEquals(s.splits() ? expected.length : 0, engine.tileSplits() - splitsBefore, s.label()
                        + (s.splits() ? ": every one-image batch on two threads shares its wide convolution" : ": stays on one thread"));
            }
        }
    }

    private static List<Sample> samples(String family, long cell) {
        List<Sample> out = new ArrayList<>();
        switch (family) {
            case "random" -> {
                for (int i = 0; i < 30; i++) {
                    long seed = cell * 1000 + i;
                    IntModel m = RandomModels.generate(seed);
                    out.add(new Sample("random model " + seed, m, withBlankRows(m, RandomModels.images(m, seed ^ 0x5eed, 4), seed)));
                }
            }
            case "bitconv" -> {
                for (int i = 0; i < 30; i++) {
                    long seed = cell * 1000 + i;
                    IntModel m = RandomBitConvModels.generate(seed);
                    out.add(new Sample("bit-conv model " + seed, m, withBlankRows(m, RandomModels.images(m, seed ^ 0xb17c0, 3), seed)));
                }
            }
            case "tiny-mnist" -> {
                byte[][] digits = RealImages.mnistTest(20);
                byte[][] calib = Arrays.copyOf(digits, 12);
                out.add(new Sample("tiny A, 1-bit first layer", TinyModels.a(1, 1, calib), digits));
                out.add(new Sample("tiny A, 8-bit first layer", TinyModels.a(2, 8, calib), digits));
                out.add(new Sample("tiny B", TinyModels.b(3, 1, calib), digits));
                out.add(new Sample("tiny C", TinyModels.c(4, 1, calib), digits));
            }
            case "lenet-mnist" -> {
                byte[][] digits = RealImages.mnistTest(3);
                for (int[] cfg : new int[][] {{1, 1}, {1, 2}, {2, 2}, {2, 3}, {8, 2}}) {
                    IntModel m = RandomModels.lenetLike(cfg[0] * 10 + cfg[1], cfg[0], cfg[1]);
                    int[] firstLevels = new ReferenceInterpreter(m).run(digits[0]).get(1);
                    assertTrue(Arrays.stream(firstLevels).distinct().count() > 1, "the first thresholds produce more than one level");
                    out.add(new Sample("LeNet-sized, weights " + cfg[0] + " bits, activations " + cfg[1] + " bits", m, digits));
                }
            }
            case "wide" -> {
                for (int bits = 1; bits <= 2; bits++) {
                    for (boolean sum : new boolean[] {true, false}) {
                        IntModel m = WideConvModels.generate(7 + bits, 64, 14, bits, sum);
                        out.add(new Sample("wide conv, " + bits + "-bit levels, global sum " + sum, m, WideConvModels.images(m, 7, 5),
                                true));
                    }
                }
                IntModel small = WideConvModels.generate(7, 8, 6, 2, true);
                out.add(new Sample("small conv", small, WideConvModels.images(small, 7, 3), false));
            }
            case "balanced" -> {
                for (int c : new int[] {4, 8, 16}) {
                    IntModel m = balanced(cell + c, c);
                    out.add(new Sample("balanced ±1 conv on pixels, " + c + " channels", m, RandomModels.images(m, cell + c, 4)));
                }
            }
            case "conformance" -> {
                for (ConformanceFixtures.Fixture f : ConformanceFixtures.all()) {
                    out.add(new Sample("fixture " + f.name(), f.model(), f.images()));
                }
            }
            default -> throw new IllegalArgumentException("unknown family " + family);
        }
        assertTrue(!out.isEmpty(), family);
        return out;
    }

    /**
     * A ±1 convolution on {@code channels} channels of pixels (5x5, fan-in 25 * channels) whose rows hold as many +1 as
     * -1 weights: its signed partial sums stay within fanIn/2 * 255 while the sum of its inputs (the X of 2P - X)
     * reaches fanIn * 255. With 4 channels both fit 16 bits (the vector kernel's short path), with 8 and 16 the input
     * sum does not (the int path), so the engine's choice between them is exercised at its edge.
     */
    private static IntModel balanced(long seed, int channels) {
        Random r = new Random(seed);
        int fanIn = 25 * channels, out = 6;
        int[] w = new int[out * fanIn];
        for (int o = 0; o < out; o++) {
            for (int j = 0; j < fanIn; j++) {
                w[o * fanIn + j] = j % 2 == 0 ? 1 : -1;
            }
            for (int j = fanIn - 1; j > 0; j--) { // shuffle the row
                int k = r.nextInt(j + 1), t = w[o * fanIn + j];
                w[o * fanIn + j] = w[o * fanIn + k];
                w[o * fanIn + k] = t;
            }
        }
        io.dot4j.runtime.ir.Conv conv = new io.dot4j.runtime.ir.Conv(out, channels, 5, 5, 1, 2, 8,
                io.dot4j.runtime.ir.Weights.fromInts(1, out, fanIn, w));
        int[] t = new int[out * 3];
        for (int o = 0; o < out; o++) {
            t[o * 3] = -2000;
            t[o * 3 + 1] = 0;
            t[o * 3 + 2] = 2000;
        }
        io.dot4j.runtime.ir.ThresholdActivation th = new io.dot4j.runtime.ir.ThresholdActivation(out, 2, t, new boolean[out]);
        int features = out * 6 * 6;
        io.dot4j.runtime.ir.Dense d = new io.dot4j.runtime.ir.Dense(3, features, 2, RandomModels.randomWeights(r, 8, 3, features));
        return new IntModel(new io.dot4j.runtime.ir.Shape(channels, 6, 6), List.of(conv, th, new io.dot4j.runtime.ir.Flatten(), d), 3);
    }

    /** The images plus copies whose top and bottom rows are 0 (like digits on a blank background). */
    private static byte[][] withBlankRows(IntModel model, byte[][] images, long seed) {
        Random r = new Random(seed);
        int h = model.input().height(), row = model.input().width() * model.input().channels();
        byte[][] out = Arrays.copyOf(images, images.length * 2);
        for (int i = 0; i < images.length; i++) {
            byte[] b = images[i].clone();
            int top = r.nextInt(h), bottom = r.nextInt(h - top + 1);
            Arrays.fill(b, 0, top * row, (byte) 0);
            Arrays.fill(b, (h - bottom) * row, h * row, (byte) 0);
            out[images.length + i] = b;
        }
        return out;
    }
}
