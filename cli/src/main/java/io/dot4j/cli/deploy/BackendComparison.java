package io.dot4j.cli.deploy;

import io.dot4j.core.data.Dataset;
import io.dot4j.runtime.Dot4jModel;
import io.dot4j.runtime.ir.IntModel;
import java.io.PrintWriter;
import java.util.Locale;

/** {@code verify --backend NAME}: every image's integer scores from the back end against the Java runtime's. */
final class BackendComparison {
    private BackendComparison() {
    }

    static int run(VerifyBackend b, String name, IntModel model, Dataset test, PrintWriter out) throws Exception {
        byte[][] images = new byte[test.count()][];
        for (int i = 0; i < images.length; i++) {
            images[i] = test.image(i);
        }
        long t0 = System.nanoTime();
        out.println("backend: " + b.describe(name));
        int[][] scores = b.scores(name, model, images, out);
        try (Dot4jModel java = Dot4jModel.of(model)) {
            for (int i = 0; i < images.length; i++) {
                int[] expected = java.predict(images[i]).scores();
                for (int k = 0; k < expected.length; k++) {
                    if (scores[i][k] != expected[k]) {
                        out.printf(Locale.ROOT, "MISMATCH at image %d, score %d: %s %d, Java runtime %d%n", i, k, name,
                                scores[i][k], expected[k]);
                        out.flush();
                        return 1;
                    }
                }
            }
        }
        out.printf(Locale.ROOT, "bit-exact: %s = Java runtime on every score of %,d %s images (%.1f s)%n", name,
                images.length, test.name(), (System.nanoTime() - t0) / 1e9);
        out.flush();
        return 0;
    }
}
