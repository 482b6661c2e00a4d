package io.dot4j.bench;

import io.dot4j.core.nn.Conv2d;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.train.Normalization;
import io.dot4j.core.zoo.ModelZoo;
import io.dot4j.onnx.ExportOptions;
import io.dot4j.onnx.OnnxExporter;
import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.GlobalSumPool;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.ir.Weights;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The seeded networks and inputs every benchmark uses. Speed does not depend on the weights' values, so random
 * weights stand in for trained ones; the seeds make every run measure the very same networks.
 */
public final class BenchModels {
    public static final long SEED = 2026;
    /** Value of the "model" parameter that selects {@link #tinyBinaryCnn()}. */
    public static final String GENERATED = "generated";

    /** Shape of the kernel benchmark's layer: 64 -> 64 channels, 3x3, on 14x14, padding 1. */
    public static final int KERNEL_CHANNELS = 64;
    public static final int KERNEL_SIZE = 14;

    private BenchModels() {
    }

    /** Caffe's LeNet-5 from the zoo (431,080 parameters), evaluation mode. */
    public static Sequential lenet5() {
        Sequential net = ModelZoo.create("lenet5", new Rng(SEED));
        net.eval();
        return net;
    }

    public static byte[] lenet5Onnx() {
        return OnnxExporter.export(lenet5(), ExportOptions.image(1, 28, 28));
    }

    /** The float twin of the kernel benchmark's layer: one Conv 64 -> 64, 3x3, padding 1, on [N, 64, 14, 14]. */
    public static byte[] floatConvLayerOnnx() {
        Sequential net = new Sequential().add("conv", new Conv2d(KERNEL_CHANNELS, KERNEL_CHANNELS, 3, 1, 1, new Rng(SEED)));
        return OnnxExporter.export(net, ExportOptions.image(KERNEL_CHANNELS, KERNEL_SIZE, KERNEL_SIZE));
    }

    /** The .dot4j model at {@code path}, or {@link #tinyBinaryCnn()} for {@value #GENERATED} (or an empty path). */
    public static IntModel deployed(String path) throws IOException {
        if (path == null || path.isEmpty() || path.equals(GENERATED)) {
            return tinyBinaryCnn();
        }
        return ModelReader.read(Path.of(path));
    }

    /**
     * A tiny binary CNN for 28x28 grey images, the kind the quantizer produces: conv 16@3x3 with 1-bit weights on the
     * 8-bit pixels -> 2-bit thresholds -> max-pool 2 -> conv 32@3x3 1-bit -> 2-bit thresholds -> global sum pool ->
     * dense 10 with 8-bit weights and bias (about 0.65 M binary MACs per image).
     */
    public static IntModel tinyBinaryCnn() {
        Random r = new Random(SEED);
        return new IntModel(new Shape(1, 28, 28), List.of(
                new Conv(16, 1, 3, 3, 1, 0, 8, signs(r, 16, 9)),
                thresholds(r, 16, 2, 400),
                new MaxPool(2, 2),
                new Conv(32, 16, 3, 3, 1, 0, 2, signs(r, 32, 144)),
                thresholds(r, 32, 2, 30),
                new GlobalSumPool(),
                new Dense(10, 32, 9, int8(r, 10, 32), r.ints(10, -1000, 1000).toArray())), 10);
    }

    /** {@link #binaryConvLayer(int)} with 2-bit activations, the example layer. */
    public static IntModel binaryConvLayer() {
        return binaryConvLayer(2);
    }

    /**
     * The kernel benchmark's layer as the smallest model the runtime accepts around it: thresholds turn the 64x14x14
     * input bytes into activations of {@code activationBits} (1 or 2) bits, then the binary conv 64 -> 64 3x3 (padding
     * 1), its thresholds to the same width, a global sum pool and a 64 -> 10 binary dense layer. Everything but the conv
     * is under 2 % of the work. With 1 bit both operands are binary (XNOR-Net / BNN style): one bit-plane instead of two.
     */
    public static IntModel binaryConvLayer(int activationBits) {
        if (activationBits != 1 && activationBits != 2) {
            throw new IllegalArgumentException("activationBits: expected 1 or 2, actual " + activationBits);
        }
        Random r = new Random(SEED + 1);
        int c = KERNEL_CHANNELS, n = (1 << activationBits) - 1;
        int[] inputLevels = new int[c * n];
        for (int ch = 0; ch < c; ch++) {
            for (int k = 0; k < n; k++) {
                inputLevels[ch * n + k] = 256 * (k + 1) / (n + 1);
            }
        }
        List<Layer> layers = List.of(
                new ThresholdActivation(c, activationBits, inputLevels, new boolean[c]),
                new Conv(c, c, 3, 3, 1, 1, activationBits, signs(r, c, 9 * c)),
                thresholds(r, c, activationBits, 30 * activationBits),
                new GlobalSumPool(),
                // the global sum of 14x14 levels of at most n: 196 * 3 = 588 needs 10 bits, 196 needs 8
                new Dense(10, c, 32 - Integer.numberOfLeadingZeros(KERNEL_SIZE * KERNEL_SIZE * n), signs(r, 10, c)));
        return new IntModel(new Shape(c, KERNEL_SIZE, KERNEL_SIZE), layers, 10);
    }

    private static Weights signs(Random r, int rows, int cols) {
        int[] w = new int[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextBoolean() ? 1 : -1;
        }
        return Weights.fromInts(1, rows, cols, w);
    }

    private static Weights int8(Random r, int rows, int cols) {
        return Weights.fromInts(8, rows, cols, r.ints((long) rows * cols, -127, 128).toArray());
    }

    private static ThresholdActivation thresholds(Random r, int channels, int bits, int range) {
        int n = (1 << bits) - 1;
        int[] t = new int[channels * n];
        for (int c = 0; c < channels; c++) {
            int[] row = r.ints(n, -range, range + 1).toArray();
            Arrays.sort(row);
            System.arraycopy(row, 0, t, c * n, n);
        }
        return new ThresholdActivation(channels, bits, t, new boolean[channels]);
    }

    /** {@code count} images of {@code size} seeded random pixels. */
    public static byte[][] images(int count, int size, long seed) {
        Random r = new Random(seed);
        byte[][] out = new byte[count][size];
        for (byte[] img : out) {
            r.nextBytes(img);
        }
        return out;
    }

    /** The images as one float batch, normalized as MNIST networks are trained ((p / 255 - mean) / std). */
    public static float[] normalized(byte[][] images) {
        float[] table = Normalization.MNIST.table();
        int size = images.length == 0 ? 0 : images[0].length;
        float[] out = new float[images.length * size];
        for (int i = 0; i < images.length; i++) {
            for (int j = 0; j < size; j++) {
                out[i * size + j] = table[images[i][j] & 0xFF];
            }
        }
        return out;
    }
}
