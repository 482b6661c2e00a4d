package io.dot4j.runtime;

import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.image.ImagePixels;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.kernels.IntEngine;
import io.dot4j.runtime.kernels.KernelLine;
import io.dot4j.runtime.kernels.PlannedOperation;
import io.dot4j.runtime.limits.EngineFootprint;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The embedding API: load a {@code .dot4j} file and classify images.
 *
 * <pre>{@code
 * try (Dot4jModel m = Dot4jModel.load(Path.of("mnist.dot4j"))) {
 *     Prediction p = m.predict(pixels);   // 28*28 bytes, row-major
 *     System.out.println(p.label());
 * }
 * }</pre>
 * Thread-safe. {@link #close()} releases the worker threads of {@link #predictBatch(byte[][])}.
 */
public final class Dot4jModel implements AutoCloseable {
    private final IntModel model;
    private final IntEngine engine;

    private Dot4jModel(IntModel model, String source) {
        EngineFootprint.check(model, source); // before the engine allocates: inspect needs none of it
        this.model = model;
        this.engine = new IntEngine(model);
    }

    /**
     * Loads and validates a model file.
     *
     * @throws io.dot4j.runtime.format.ModelFormatException if the file is not a valid model (names offset and field)
     * @throws io.dot4j.runtime.limits.LimitExceededException if running it needs more memory or multiply-accumulates per
     *         image than {@link io.dot4j.runtime.limits.ResourceLimits} allow
     */
    public static Dot4jModel load(Path path) throws IOException {
        return new Dot4jModel(ModelReader.read(path), String.valueOf(path));
    }

    /** Wraps a model built in memory. */
    public static Dot4jModel of(IntModel model) {
        if (model == null) {
            throw new IllegalArgumentException("model is required");
        }
        return new Dot4jModel(model, "model");
    }

    public IntModel model() {
        return model;
    }

    /** Input shape (C,H,W); pixels are passed channel-last. */
    public Shape inputShape() {
        return model.input();
    }

    /**
     * Classifies one image of C*H*W uint8 pixels, channel-last (row-major for one channel), on the calling thread.
     * For lower latency on several cores, {@code predictBatch(new byte[][] {pixels})} shares the image's wide
     * convolutions with a helper thread (same answer).
     */
    public Prediction predict(byte[] pixels) {
        return Prediction.of(engine.scores(pixels));
    }

    /** Classifies an image of any size and colour model, converted by {@link ImagePixels}' documented policy. */
    public Prediction predict(BufferedImage image) {
        Shape in = model.input();
        return predict(ImagePixels.toPixels(image, in.channels(), in.height(), in.width()));
    }

    /**
     * What runs for every image ({@link #predict(byte[])}, {@link #predictBatch}): the operations with their kernels,
     * vector widths and fusions, decided when the model was loaded.
     */
    public List<PlannedOperation> plan() {
        return engine.plan();
    }

    /**
     * What runs, for people: the {@link #kernelLine()}, then one line per operation of {@link #plan()} (layers,
     * operation, kernel and vector width, fusions).
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(kernelLine()).append('\n');
        for (PlannedOperation op : plan()) {
            sb.append("  ").append(op.line()).append('\n');
        }
        return sb.toString();
    }

    /** One line: the binary kernel, its vector width and the CPU with its vector flags (see {@link KernelLine}). */
    public String kernelLine() {
        return KernelLine.of(engine.bitKernel());
    }

    /** Every layer's integer output for one image (channel-last), for debugging and bit-exact comparisons. */
    public List<int[]> trace(byte[] pixels) {
        return engine.trace(pixels);
    }

    /**
     * Classifies many images on all processors (fewer images than processors: each image's wide convolutions are
     * shared between two threads); the results equal one-by-one {@link #predict(byte[])}.
     */
    public Prediction[] predictBatch(byte[][] images) {
        int[][] scores = engine.scoresBatch(images);
        Prediction[] out = new Prediction[scores.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Prediction.of(scores[i]);
        }
        return out;
    }

    @Override
    public void close() {
        engine.close();
    }
}
