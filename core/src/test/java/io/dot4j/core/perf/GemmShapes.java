package io.dot4j.core.perf;

import io.dot4j.core.tensor.Gemm;
import io.dot4j.core.tensor.Parallel;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;

/** Manual benchmark (not a test): the products of a LeNet-5 batch-64 step, new Gemm vs the old kernel, alternating. */
public final class GemmShapes {
    private GemmShapes() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            Parallel.setThreads(Integer.parseInt(args[0]));
        }
        // name, variant, m, n, k
        Object[][] shapes = {
            {"conv1 fwd", "nn", 20, 36864, 25}, {"conv1 dW", "nt", 20, 25, 36864},
            {"conv2 fwd", "nn", 50, 4096, 500}, {"conv2 dcol", "tn", 500, 4096, 50}, {"conv2 dW", "nt", 50, 500, 4096},
            {"fc1 fwd", "nt", 64, 500, 800}, {"fc1 gx", "nn", 64, 800, 500}, {"fc1 gW", "tn", 500, 800, 64},
        };
        Rng rng = new Rng(1);
        for (int round = 0; round < 4; round++) {
            for (Object[] s : shapes) {
                String v = (String) s[1];
                int m = (int) s[2];
                int n = (int) s[3];
                int k = (int) s[4];
                float[] a = Tensor.randn(rng, m * k).data();
                float[] b = Tensor.randn(rng, k * n).data();
                float[] c = new float[m * n];
                double tNew = Double.MAX_VALUE;
                double tOld = Double.MAX_VALUE;
                for (int rep = 0; rep < 5; rep++) {
                    long t0 = System.nanoTime();
                    run(false, v, m, n, k, a, b, c);
                    long t1 = System.nanoTime();
                    run(true, v, m, n, k, a, b, c);
                    long t2 = System.nanoTime();
                    tNew = Math.min(tNew, t1 - t0);
                    tOld = Math.min(tOld, t2 - t1);
                }
                double macs = (double) m * n * k;
                System.out.printf("%-11s %s %5d %6d %6d  new %7.3f ms %6.1f GMAC/s   old %7.3f ms %6.1f GMAC/s%n", s[0], v, m, n,
                        k, tNew / 1e6, macs / tNew, tOld / 1e6, macs / tOld);
            }
            System.out.println();
        }
    }

    private static void run(boolean old, String v, int m, int n, int k, float[] a, float[] b, float[] c) {
        switch (v) {
            case "nn" -> {
                if (old) {
                    OldGemm.nn(m, n, k, a, b, c, false);
                } else {
                    Gemm.nn(m, n, k, a, b, c, false);
                }
            }
            case "tn" -> {
                if (old) {
                    OldGemm.tn(m, n, k, a, b, c, false);
                } else {
                    Gemm.tn(m, n, k, a, b, c, false);
                }
            }
            default -> {
                if (old) {
                    OldGemm.nt(m, n, k, a, b, c, false);
                } else {
                    Gemm.nt(m, n, k, a, b, c, false);
                }
            }
        }
    }
}
