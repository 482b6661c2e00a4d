package io.dot4j.bench;

import io.dot4j.core.nn.Conv2d;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.tensor.Rng;
import io.dot4j.runtime.ir.IntModel;

import java.io.IOException;

/**
 * Builds the runners the benchmarks compare, by engine name. ONNX Runtime's outputs are checked against dot4j's float
 * forward of the same network before any timing (a fast wrong answer must not count).
 */
public final class Workloads {
    /** Engines of the LeNet-sized workload. */
    public static final String DOT4J_FLOAT = "dot4j-float";
    public static final String DOT4J_INT = "dot4j-int";
    public static final String ORT = "ort";
    public static final String ORT_NOSPIN = "ort-nospin";
    /** Engines of the kernel workload: the runtime's binary conv with 2-bit activations, and with 1-bit ones. */
    public static final String DOT4J = "dot4j";
    public static final String DOT4J_A1 = "dot4j-a1";

    private static final float CHECK_TOLERANCE = 1e-3f;

    private Workloads() {
    }

    /**
     * dot4j-float: LeNet-5 through core; dot4j-int: the deployed .dot4j model ({@code model} path or "generated") in
     * the runtime; ort / ort-nospin: the exported float LeNet-5 in ONNX Runtime.
     */
    public static BatchRunner lenet(String engine, int batch, int threads, String model) throws IOException {
        byte[][] images = BenchModels.images(batch, 28 * 28, BenchModels.SEED);
        switch (engine) {
            case DOT4J_FLOAT:
                // steady state: JMH's warm-up iterations alone end before C2 has compiled core's vector kernels
                return new Dot4jFloatRunner(BenchModels.lenet5(), BenchModels.normalized(images), batch, 1, 28, 28, threads)
                        .warmUp(3, 30);
            case DOT4J_INT: {
                IntModel m = BenchModels.deployed(model);
                return new Dot4jIntRunner(m, BenchModels.images(batch, m.input().elements(), BenchModels.SEED), threads);
            }
            case ORT:
            case ORT_NOSPIN: {
                OrtRunner ort = new OrtRunner(BenchModels.lenet5Onnx(), BenchModels.normalized(images),
                        new long[] {batch, 1, 28, 28}, threads, engine.equals(ORT));
                checkAgainst(ort, new Dot4jFloatRunner(BenchModels.lenet5(), BenchModels.normalized(images), batch, 1, 28, 28, 1),
                        "LeNet-5");
                return ort;
            }
            default:
                throw new IllegalArgumentException("unknown engine '" + engine + "', expected " + DOT4J_FLOAT + ", " + DOT4J_INT
                        + ", " + ORT + " or " + ORT_NOSPIN);
        }
    }

    /** dot4j: the binary conv layer in the runtime; ort / ort-nospin: the same-shape float Conv in ONNX Runtime. */
    public static BatchRunner convLayer(String engine, int batch, int threads) {
        int c = BenchModels.KERNEL_CHANNELS, s = BenchModels.KERNEL_SIZE;
        byte[][] images = BenchModels.images(batch, c * s * s, BenchModels.SEED);
        switch (engine) {
            case DOT4J:
                return new Dot4jIntRunner(BenchModels.binaryConvLayer(2), images, threads);
            case DOT4J_A1:
                return new Dot4jIntRunner(BenchModels.binaryConvLayer(1), images, threads);
            case ORT:
            case ORT_NOSPIN: {
                float[] x = BenchModels.normalized(images);
                OrtRunner ort = new OrtRunner(BenchModels.floatConvLayerOnnx(), x, new long[] {batch, c, s, s}, threads,
                        engine.equals(ORT));
                Sequential same = new Sequential().add("conv", new Conv2d(c, c, 3, 1, 1, new Rng(BenchModels.SEED)));
                checkAgainst(ort, new Dot4jFloatRunner(same, x, batch, c, s, s, 1), "the float conv layer");
                return ort;
            }
            default:
                throw new IllegalArgumentException("unknown engine '" + engine + "', expected " + DOT4J + ", " + DOT4J_A1 + ", "
                        + ORT + " or " + ORT_NOSPIN);
        }
    }

    private static void checkAgainst(BatchRunner ort, BatchRunner reference, String what) {
        float[][] a = ort.outputs();
        float[][] b = reference.outputs();
        float worst = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                worst = Math.max(worst, Math.abs(a[i][j] - b[i][j]));
            }
        }
        reference.close();
        if (!(worst <= CHECK_TOLERANCE)) {
            ort.close();
            throw new IllegalStateException("ONNX Runtime's outputs for " + what + " differ from dot4j's by " + worst
                    + " (more than " + CHECK_TOLERANCE + "); refusing to time a wrong answer");
        }
    }
}
