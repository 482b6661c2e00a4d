package io.dot4j.cli.deploy;

import io.dot4j.cli.UserError;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.metrics.ConfusionMatrix;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.kernels.IntEngine;
import java.util.Locale;

/**
 * Runs a deployed integer model over a whole data set split with the runtime's fast kernels: accuracy, confusion
 * matrix and throughput (a warm-up pass first, then timed passes on one thread and on all processors), and the binary
 * kernel that ran ({@code IntEngine.bitKernel()}).
 */
public record ModelEvaluation(ConfusionMatrix confusion, double imagesPerSecondOneThread,
                              double imagesPerSecondAllThreads, int threads, String kernel) {

    public static ModelEvaluation run(IntModel model, Dataset data) {
        Shape in = model.input();
        if (in.channels() != data.channels() || in.height() != data.height() || in.width() != data.width()) {
            throw new UserError(String.format(Locale.ROOT, "the model takes %dx%dx%d images but %s has %dx%dx%d",
                    in.channels(), in.height(), in.width(), data.name(), data.channels(), data.height(), data.width()));
        }
        if (model.numClasses() != data.numClasses()) {
            throw new UserError("the model has " + model.numClasses() + " classes but " + data.name() + " has "
                    + data.numClasses());
        }
        byte[][] images = new byte[data.count()][];
        for (int i = 0; i < images.length; i++) {
            images[i] = channelLast(data, i);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        try (IntEngine engine = new IntEngine(model)) {
            engine.scoresBatch(images, threads); // warm-up: let the JIT compile the kernels
            long t0 = System.nanoTime();
            int[][] scores = engine.scoresBatch(images, 1);
            long t1 = System.nanoTime();
            int[][] scoresAll = engine.scoresBatch(images, threads);
            long t2 = System.nanoTime();
            ConfusionMatrix m = new ConfusionMatrix(model.numClasses());
            for (int i = 0; i < images.length; i++) {
                if (!java.util.Arrays.equals(scores[i], scoresAll[i])) {
                    throw new IllegalStateException("image " + i + ": one-thread and " + threads
                            + "-thread scores differ; the runtime must not depend on the thread count");
                }
                m.add(data.label(i), IntModel.argmax(scores[i]));
            }
            return new ModelEvaluation(m, images.length / ((t1 - t0) / 1e9), images.length / ((t2 - t1) / 1e9), threads,
                    engine.bitKernel());
        }
    }

    /** The runtime takes pixels channel-last; the data set stores them channel-first (the same for grey images). */
    public static byte[] channelLast(Dataset data, int index) {
        byte[] chw = data.image(index);
        int c = data.channels();
        if (c == 1) {
            return chw;
        }
        int hw = data.height() * data.width();
        byte[] hwc = new byte[chw.length];
        for (int ch = 0; ch < c; ch++) {
            for (int p = 0; p < hw; p++) {
                hwc[p * c + ch] = chw[ch * hw + p];
            }
        }
        return hwc;
    }
}
