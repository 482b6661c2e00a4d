package io.dot4j.cli.chip;

import io.dot4j.codegen.c.CBuild;
import io.dot4j.codegen.c.CModel;
import io.dot4j.codegen.c.CRun;
import io.dot4j.runtime.Dot4jModel;
import io.dot4j.runtime.ir.IntModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The native C (-O3 -march=native) and the Java runtime on the same images, one thread each, in one run. A timing:
 * meaningful only on an idle machine.
 */
final class HostTiming {
    private static final int ROUNDS = 5;

    private HostTiming() {
    }

    static void run(CModel c, IntModel model, byte[][] images, Path dir, PrintWriter out) {
        Path exe = CBuild.host(c, dir, false, List.of("-O3", "-march=native"));
        CRun.host(exe, images, model.numClasses(), dir, null); // warm the caches
        double cNs = Double.MAX_VALUE;
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            CRun.host(exe, images, model.numClasses(), dir, null);
            cNs = Math.min(cNs, (double) (System.nanoTime() - t0) / images.length);
        }
        double javaNs = Double.MAX_VALUE;
        try (Dot4jModel java = Dot4jModel.of(model)) {
            for (int r = 0; r < ROUNDS + 3; r++) {
                long t0 = System.nanoTime();
                for (byte[] image : images) {
                    java.predict(image);
                }
                if (r >= 3) {
                    javaNs = Math.min(javaNs, (double) (System.nanoTime() - t0) / images.length);
                }
            }
        }
        out.printf(Locale.ROOT, "native C (gcc -O3 -march=native, one thread, incl. process start and file I/O over %d"
                + " images): %.1f us/image%n", images.length, cNs / 1e3);
        out.printf(Locale.ROOT, "Java runtime (Dot4jModel.predict, one thread, warm): %.1f us/image%n", javaNs / 1e3);
        out.flush();
    }
}
