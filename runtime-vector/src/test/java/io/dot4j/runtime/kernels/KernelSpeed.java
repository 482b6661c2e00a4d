package io.dot4j.runtime.kernels;

import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.format.ModelWriter;
import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.GlobalSumPool;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.ir.Weights;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import io.dot4j.runtime.vector.VectorBitConvKernel;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A/B speed of the integer engine in one process, engines alternating: "before" (an older runtime's classes, e.g.
 * the commit before the bit-conv kernels, compiled into a directory and loaded in a class loader of their own),
 * "portable" (this runtime, plain-Java kernel) and "vector" (this runtime, Vector API kernel). Checks every engine
 * against the reference first. Not a unit test: run it by hand (see docs/ARCHITECTURE.md, runtime kernels):
 * {@code java --add-modules jdk.incubator.vector -cp ... io.dot4j.runtime.kernels.KernelSpeed OLD_CLASSES_DIR
 * ROUNDS SECONDS [MODEL.dot4j ...]}; without model files it measures the kernel benchmark's layer (binary conv
 * 64 -&gt; 64, 3x3, pad 1, on 14x14, 1-bit weights, 2-bit levels).
 */
public final class KernelSpeed {
    interface Engine {
        int[] scores(byte[] img) throws Throwable;

        int[][] batch(byte[][] imgs) throws Throwable;
    }

    public static void main(String[] args) throws Throwable {
        Path oldClasses = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]);
        List<Path> models = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            models.add(Path.of(args[i]));
        }
        if (models.isEmpty()) {
            Path p = Files.createTempFile("conv64", ".dot4j");
            ModelWriter.write(convLayer(), p);
            models.add(p);
        }
        URLClassLoader oldLoader = new URLClassLoader(new URL[] {oldClasses.toUri().toURL()}, null);
        for (Path file : models) {
            IntModel m = ModelReader.read(file);
            Random r = new Random(1);
            byte[][] images = new byte[256][m.input().elements()];
            for (byte[] img : images) {
                r.nextBytes(img);
            }
            List<String> names = new ArrayList<>();
            List<Engine> engines = new ArrayList<>();
            for (String name : System.getProperty("engines", "before,portable,vector").split(",")) {
                names.add(name);
                engines.add(switch (name) {
                    case "before" -> old(oldLoader, file);
                    case "portable" -> engine(new IntEngine(m, true, BitConvKernels.portable()));
                    case "vector" -> engine(new IntEngine(m, true, new VectorBitConvKernel()));
                    default -> throw new IllegalArgumentException("unknown engine " + name);
                });
            }
            ReferenceInterpreter ref = new ReferenceInterpreter(m);
            for (int i = 0; i < 16; i++) {
                int[] want = ref.scores(images[i]);
                for (int e = 0; e < engines.size(); e++) {
                    if (!Arrays.equals(want, engines.get(e).scores(images[i]))) {
                        throw new AssertionError(names.get(e) + " differs from the reference on image " + i);
                    }
                }
            }
            System.out.printf("%s: %,d MACs/image%n", file.getFileName(), m.totalMacs());
            for (int mode = 0; mode < 2; mode++) {
                for (Engine e : engines) {
                    rate(e, images, mode, seconds); // warm-up
                }
                double[][] rates = new double[engines.size()][rounds];
                for (int round = 0; round < rounds; round++) {
                    for (int e = 0; e < engines.size(); e++) {
                        rates[e][round] = rate(engines.get(e), images, mode, seconds);
                    }
                }
                double base = median(rates[0]);
                StringBuilder sb = new StringBuilder(String.format("  %-18s", mode == 0 ? "batch 1" : "batch 64, 1 thread"));
                for (int e = 0; e < engines.size(); e++) {
                    double v = median(rates[e]);
                    sb.append(String.format("  %s %,9.0f img/CPU-s (x%.1f, %.0f G MAC/s)", names.get(e), v, v / base,
                            v * m.totalMacs() / 1e9));
                }
                System.out.println(sb);
            }
        }
    }

    private static Engine engine(IntEngine e) {
        return new Engine() {
            public int[] scores(byte[] img) {
                return e.scores(img);
            }

            public int[][] batch(byte[][] imgs) {
                return e.scoresBatch(imgs, 1);
            }
        };
    }

    /** The old runtime's IntEngine on the same file, through method handles (its classes are not ours). */
    private static Engine old(ClassLoader loader, Path file) throws Throwable {
        MethodHandles.Lookup lk = MethodHandles.publicLookup();
        Class<?> reader = loader.loadClass("io.dot4j.runtime.format.ModelReader");
        Class<?> model = loader.loadClass("io.dot4j.runtime.ir.IntModel");
        Class<?> engine = loader.loadClass("io.dot4j.runtime.kernels.IntEngine");
        Object m = lk.findStatic(reader, "read", MethodType.methodType(model, Path.class)).invoke(file);
        Object e = lk.findConstructor(engine, MethodType.methodType(void.class, model)).invoke(m);
        MethodHandle scores = lk.findVirtual(engine, "scores", MethodType.methodType(int[].class, byte[].class)).bindTo(e);
        MethodHandle batch = lk.findVirtual(engine, "scoresBatch", MethodType.methodType(int[][].class, byte[][].class,
                int.class)).bindTo(e);
        return new Engine() {
            public int[] scores(byte[] img) throws Throwable {
                return (int[]) scores.invokeExact(img);
            }

            public int[][] batch(byte[][] imgs) throws Throwable {
                return (int[][]) batch.invokeExact(imgs, 1);
            }
        };
    }

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * Images per second of this thread's CPU time (everything runs on the calling thread): on a shared machine the
     * wall clock mostly measures the other jobs.
     */
    private static double rate(Engine e, byte[][] images, int mode, double seconds) throws Throwable {
        long sink = 0, n = 0;
        long start = CPU.getCurrentThreadCpuTime(), deadline = System.nanoTime() + (long) (seconds * 1e9);
        int next = 0;
        while (System.nanoTime() < deadline) {
            if (mode == 0) {
                for (int i = 0; i < 64; i++) {
                    sink += e.scores(images[next])[0];
                    next = (next + 1) & 255;
                }
            } else {
                sink += e.batch(Arrays.copyOfRange(images, next, next + 64))[63][0];
                next = (next + 64) & 255;
            }
            n += 64;
        }
        if (sink == 42) {
            System.out.print("");
        }
        return n / ((CPU.getCurrentThreadCpuTime() - start) / 1e9);
    }

    private static double median(double[] v) {
        double[] a = v.clone();
        Arrays.sort(a);
        return a[a.length / 2];
    }

    /** The kernel benchmark's model (as bench's BenchModels.binaryConvLayer, seeded weights). */
    static IntModel convLayer() {
        Random r = new Random(2027);
        int c = 64;
        int[] in = new int[c * 3];
        for (int ch = 0; ch < c; ch++) {
            in[ch * 3] = 64;
            in[ch * 3 + 1] = 128;
            in[ch * 3 + 2] = 192;
        }
        int[] t = new int[c * 3];
        for (int ch = 0; ch < c; ch++) {
            int[] row = r.ints(3, -60, 61).sorted().toArray();
            System.arraycopy(row, 0, t, ch * 3, 3);
        }
        List<Layer> layers = List.of(new ThresholdActivation(c, 2, in, new boolean[c]),
                new Conv(c, c, 3, 3, 1, 1, 2, signs(r, c, 9 * c)), new ThresholdActivation(c, 2, t, new boolean[c]),
                new GlobalSumPool(), new Dense(10, c, 10, signs(r, 10, c)));
        return new IntModel(new Shape(c, 14, 14), layers, 10);
    }

    private static Weights signs(Random r, int rows, int cols) {
        int[] w = new int[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextBoolean() ? 1 : -1;
        }
        return Weights.fromInts(1, rows, cols, w);
    }
}
