package io.dot4j.bench;

import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.ir.IntModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Memory of one engine in a fresh JVM ({@link BenchSuite} starts one per engine, so neither pays for the other):
 * {@code MemoryProbe ort FILE.onnx} or {@code MemoryProbe dot4j FILE.dot4j}. Prints one line of key=value pairs:
 * the file's bytes, the process RSS before loading, after loading, after 50 batches of 64 images on one thread, and
 * the peak RSS; for dot4j also {@code IntModel.peakActivationBytes()}, the runtime's own account of its working set.
 */
public final class MemoryProbe {
    private static final int BATCH = 64;
    private static final int RUNS = 50;

    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !(args[0].equals("ort") || args[0].equals("dot4j"))) {
            System.err.println("usage: MemoryProbe ort|dot4j FILE");
            System.exit(2);
        }
        Path file = Path.of(args[1]);
        long fileBytes = Files.size(file);
        long before = Rss.current();
        long loaded;
        long after;
        long peakActivation = -1;
        if (args[0].equals("ort")) {
            byte[] onnx = Files.readAllBytes(file);
            float[] x = BenchModels.normalized(BenchModels.images(BATCH, 28 * 28, BenchModels.SEED));
            try (OrtRunner ort = new OrtRunner(onnx, x, new long[] {BATCH, 1, 28, 28}, 1, true)) {
                loaded = Rss.current();
                for (int i = 0; i < RUNS; i++) {
                    ort.run();
                }
                after = Rss.current();
            }
        } else {
            IntModel model = ModelReader.read(file);
            peakActivation = model.peakActivationBytes();
            byte[][] images = BenchModels.images(BATCH, model.input().elements(), BenchModels.SEED);
            try (Dot4jIntRunner runner = new Dot4jIntRunner(model, images, 1)) {
                loaded = Rss.current();
                for (int i = 0; i < RUNS; i++) {
                    runner.run();
                }
                after = Rss.current();
            }
        }
        System.out.printf(Locale.ROOT, "engine=%s fileBytes=%d rssBefore=%d rssLoaded=%d rssAfterRuns=%d rssPeak=%d peakActivationBytes=%d%n",
                args[0], fileBytes, before, loaded, after, Rss.peak(), peakActivation);
    }
}
