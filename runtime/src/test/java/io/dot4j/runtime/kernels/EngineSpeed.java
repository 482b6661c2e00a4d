package io.dot4j.runtime.kernels;

import io.dot4j.runtime.RealImages;
import io.dot4j.runtime.TinyModels;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Images per second of the engine (planar kernels) against its per-layer steps (the engine before them) on the tiny models (TinyModels A, B, C) and real
 * MNIST digits: batch 1 ({@code scores}), batch 64 on 1 and 2 threads ({@code scoresBatch}), old and new
 * alternating in one process, medians over rounds; on one thread also per second of that thread's CPU time. Not a
 * unit test: run it by hand,
 * {@code java -cp runtime/target/classes:runtime/target/test-classes io.dot4j.runtime.kernels.EngineSpeed [rounds] [seconds]}.
 */
public final class EngineSpeed {
    interface Engine {
        int[] scores(byte[] img);

        int[][] batch(byte[][] imgs, int threads);
    }

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 0.5;
        String only = args.length > 2 ? args[2] : "";
        byte[][] digits = RealImages.mnistTest(1024);
        byte[][] calib = Arrays.copyOf(digits, 64);
        Map<String, IntModel> models = new LinkedHashMap<>();
        models.put("A (conv1 1-bit)", TinyModels.a(1, 1, calib));
        models.put("A (conv1 8-bit)", TinyModels.a(2, 8, calib));
        models.put("B (flatten-dense)", TinyModels.b(3, 1, calib));
        models.put("C (5x5 stride 2)", TinyModels.c(4, 1, calib));
        for (Map.Entry<String, IntModel> e : models.entrySet()) {
            if (!e.getKey().startsWith(only)) {
                continue;
            }
            IntModel m = e.getValue();
            ReferenceInterpreter ref = new ReferenceInterpreter(m);
            IntEngine oldE = new IntEngine(m, false); // the per-layer steps: the engine before the planar kernels
            IntEngine newE = new IntEngine(m);
            Engine o = new Engine() {
                public int[] scores(byte[] img) {
                    return oldE.scores(img);
                }

                public int[][] batch(byte[][] imgs, int threads) {
                    return oldE.scoresBatch(imgs, threads);
                }
            };
            Engine n = new Engine() {
                public int[] scores(byte[] img) {
                    return newE.scores(img);
                }

                public int[][] batch(byte[][] imgs, int threads) {
                    return newE.scoresBatch(imgs, threads);
                }
            };
            for (int i = 0; i < 200; i++) { // correctness before speed
                int[] want = ref.scores(digits[i]);
                if (!Arrays.equals(want, n.scores(digits[i])) || !Arrays.equals(want, o.scores(digits[i]))) {
                    throw new AssertionError(e.getKey() + ": engine differs from the reference on digit " + i);
                }
            }
            for (int mode = 0; mode < 3; mode++) { // warm up both (JIT) before any timing
                rate(o, digits, mode, seconds);
                rate(n, digits, mode, seconds);
            }
            System.out.printf("%s: %d bytes of parameters, %,d MACs/image%n", e.getKey(), m.parameterBytes(), m.totalMacs());
            String[] modes = {"batch 1", "batch 64, 1 thread", "batch 64, 2 threads"};
            for (int mode = 0; mode < 3; mode++) {
                List<Double> oldR = new ArrayList<>(), newR = new ArrayList<>(), oldC = new ArrayList<>(), newC = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    double[] a = rate(o, digits, mode, seconds), b = rate(n, digits, mode, seconds);
                    oldR.add(a[0]);
                    oldC.add(a[1]);
                    newR.add(b[0]);
                    newC.add(b[1]);
                }
                double mo = median(oldR), mn = median(newR);
                System.out.printf("  %-20s old %,10.0f img/s   new %,10.0f img/s   x%.1f", modes[mode], mo, mn, mn / mo);
                if (mode < 2) { // one thread: images per second of that thread's CPU time, which the machine's load dilutes less
                    System.out.printf("   (per CPU-second: old %,.0f, new %,.0f)", median(oldC), median(newC));
                }
                System.out.println();
            }
            oldE.close();
            newE.close();
        }
    }

    /** {images per wall-clock second, images per second of this thread's CPU time}. */
    private static double[] rate(Engine e, byte[][] digits, int mode, double seconds) {
        long sink = 0;
        long cpu0 = CPU.getCurrentThreadCpuTime();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long images = 0;
        int next = 0;
        while (System.nanoTime() < deadline) {
            if (mode == 0) {
                for (int i = 0; i < 64; i++) {
                    sink += e.scores(digits[next])[0];
                    next = (next + 1) % digits.length;
                }
            } else {
                byte[][] b = Arrays.copyOfRange(digits, next, next + 64);
                next = (next + 64) % digits.length;
                sink += e.batch(b, mode == 1 ? 1 : 2)[63][0];
            }
            images += 64;
        }
        double r = images / ((System.nanoTime() - start) / 1e9);
        double c = images / ((CPU.getCurrentThreadCpuTime() - cpu0) / 1e9);
        if (sink == 42) {
            System.out.print("");
        }
        return new double[] {r, c};
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[a.length / 2];
    }
}
