package io.dot4j.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.data.DataCache;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.functions.F;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.optim.LrSchedule;
import io.dot4j.core.optim.SGD;
import io.dot4j.core.tensor.Parallel;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.core.train.Batch;
import io.dot4j.core.train.BatchIterator;
import io.dot4j.core.train.Normalization;
import io.dot4j.core.zoo.ModelZoo;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One epoch of LeNet-5 training on MNIST (60,000 images, batch 64, SGD momentum 0.9, lr 0.01) in dot4j and in PyTorch
 * CPU (through DJL) running the same network, alternating, on 2 threads and on 1; prints epoch times, images/s and the
 * ratio dot4j / PyTorch.
 *
 * <p>PyTorch's oneDNN convolutions compute wrong values on this kind of CPU (see PERF_NOTES), so oneDNN is switched
 * off the way {@code torch.backends.mkldnn.enabled = False} does it ({@code at::globalContext().setUserEnabledMkldnn}
 * called through the FFM API: DJL 0.36 has no setting for it), and PyTorch's convolution is checked against a plain
 * loop before anything is timed; the run stops if it is off.
 *
 * <p>Arguments: {@code --rounds R} (3), {@code --threads 2,1}, {@code --batches B} (all; fewer for a quick look),
 * {@code --mkldnn on|off} (off).
 */
public final class TrainingSpeed {
    private static final int BATCH = 64;
    private static final float LR = 0.01f;
    private static final float MOMENTUM = 0.9f;

    private TrainingSpeed() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        int[] threadCounts = {2, 1};
        int batches = Integer.MAX_VALUE;
        boolean mkldnn = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--threads" -> threadCounts = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--batches" -> batches = Integer.parseInt(args[++i]);
                case "--mkldnn" -> mkldnn = "on".equals(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; expected --rounds R --threads 2,1 --batches B --mkldnn on|off");
            }
        }
        System.setProperty("ai.djl.offline", "true");
        Dataset train = DataCache.load("mnist", "train");
        System.out.printf("MNIST train: %d images; batch %d; SGD lr %.2f momentum %.1f; %s, %d cores%n", train.count(), BATCH, LR,
                MOMENTUM, System.getProperty("java.vm.name") + " " + Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.println("CPU " + io.dot4j.runtime.kernels.CpuInfo.read().summary() + "; dot4j float kernels "
                + io.dot4j.core.tensor.Gemm.kernel());
        Engine engine = Engine.getEngine("PyTorch");
        System.out.println("PyTorch " + engine.getVersion() + " through DJL " + Engine.getDjlVersion() + "; oneDNN "
                + setMkldnn(mkldnn));

        JniUtils.setNumInteropThreads(1); // allowed once per process, before any parallel work
        List<String> table = new ArrayList<>();
        for (int threads : threadCounts) {
            Parallel.setThreads(threads);
            JniUtils.setNumThreads(threads);
            checkConvolutions(); // again with this thread count: oneDNN's errors depended on the run
            // warm-up: a partial epoch each (JIT, allocator), not timed
            epochDot4j(train, Math.min(batches, 150), 99);
            epochTorch(train, Math.min(batches, 150), 99);
            double[] tDot = new double[rounds];
            double[] tTorch = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                Result d = epochDot4j(train, batches, r);
                Result p = epochTorch(train, batches, r);
                tDot[r] = d.seconds;
                tTorch[r] = p.seconds;
                if (Double.isNaN(d.lastLoss) || Double.isNaN(p.lastLoss)) {
                    System.out.println("  (a run diverged to NaN: same amount of arithmetic, but note it)");
                }
                System.out.printf("threads %d round %d: dot4j %.2f s (%d img, last-batch loss %.3f, epoch accuracy %.3f)   "
                                + "PyTorch %.2f s (last-batch loss %.3f, epoch accuracy %.3f)   ratio %.2f   load %s%n",
                        threads, r + 1, d.seconds, d.images, d.lastLoss, d.accuracy, p.seconds, p.lastLoss, p.accuracy,
                        d.seconds / p.seconds, loadAverage());
            }
            double md = median(tDot);
            double mp = median(tTorch);
            int images = Math.min(train.count(), batches == Integer.MAX_VALUE ? train.count() : batches * BATCH);
            table.add(String.format("| %d | %.2f s (%.0f img/s) | %.2f s (%.0f img/s) | %.2f |", threads, md, images / md, mp,
                    images / mp, md / mp));
        }
        System.out.println();
        System.out.println("| threads | dot4j epoch (median of " + rounds + ") | PyTorch epoch (median) | dot4j / PyTorch |");
        System.out.println("| ---: | ---: | ---: | ---: |");
        table.forEach(System.out::println);
    }

    private record Result(double seconds, int images, double lastLoss, double accuracy) {
    }

    // ------------------------------------------------------------------ dot4j

    private static Result epochDot4j(Dataset train, int batches, long seed) {
        Sequential model = ModelZoo.create("lenet5", new Rng(seed));
        SGD opt = new SGD(model, LrSchedule.constant(LR), MOMENTUM, false);
        BatchIterator it = new BatchIterator(train, BATCH, true, false, Normalization.MNIST, 0, seed);
        int n = Math.min(batches, it.batchesPerEpoch());
        long correct = 0;
        int images = 0;
        float last = Float.NaN;
        long t0 = System.nanoTime();
        for (int b = 0; b < n; b++) {
            Batch batch = it.next();
            model.cleargrads();
            Variable y = model.forward(Variable.constant(batch.x()));
            Variable loss = F.softmaxCrossEntropy(y, batch.labels());
            last = loss.item();
            loss.backward();
            opt.step();
            correct += hits(y.data(), batch.labels());
            images += batch.size();
        }
        return new Result((System.nanoTime() - t0) / 1e9, images, last, (double) correct / images);
    }

    private static int hits(Tensor scores, int[] labels) {
        float[] s = scores.data();
        int k = scores.dim(1);
        int h = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (s[i * k + j] > s[i * k + best]) {
                    best = j;
                }
            }
            h += best == labels[i] ? 1 : 0;
        }
        return h;
    }

    // ------------------------------------------------------------------ PyTorch

    /** Caffe's LeNet-5 as in dot4j's zoo: conv 20@5x5, max 2, conv 50@5x5, max 2, fc 500, relu, fc 10. */
    private static SequentialBlock lenet5() {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(20).build())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(50).build())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(500).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    private static Result epochTorch(Dataset train, int batches, long seed) {
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        try (Model model = Model.newInstance("lenet5", "PyTorch")) {
            model.setBlock(lenet5());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(LR)).optMomentum(MOMENTUM).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, 1, 28, 28));
                copyInitialWeights(ModelZoo.create("lenet5", new Rng(seed)), model.getBlock());
                BatchIterator it = new BatchIterator(train, BATCH, true, false, Normalization.MNIST, 0, seed);
                int n = Math.min(batches, it.batchesPerEpoch());
                long correct = 0;
                int images = 0;
                float last = Float.NaN;
                long t0 = System.nanoTime();
                for (int b = 0; b < n; b++) {
                    Batch batch = it.next();
                    try (NDManager m = trainer.getManager().newSubManager()) {
                        NDArray x = m.create(batch.x().data(), new Shape(batch.size(), 1, 28, 28));
                        NDArray labels = m.create(batch.labels());
                        NDArray scores;
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            scores = trainer.forward(new NDList(x)).singletonOrThrow();
                            NDArray loss = trainer.getLoss().evaluate(new NDList(labels), new NDList(scores));
                            gc.backward(loss);
                            last = loss.getFloat();
                        }
                        trainer.step();
                        int[] pred = scores.argMax(1).toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
                        for (int i = 0; i < pred.length; i++) {
                            correct += pred[i] == batch.labels()[i] ? 1 : 0;
                        }
                    }
                    images += batch.size();
                }
                return new Result((System.nanoTime() - t0) / 1e9, images, last, (double) correct / images);
            }
        }
    }

    /**
     * Starts PyTorch from dot4j's initial weights for the same seed (same shapes, in the same order: conv1 W, b, conv2
     * W, b, fc1 W, b, fc2 W, b), so both runs do the same arithmetic on the same batches.
     */
    private static void copyInitialWeights(Sequential dot4j, ai.djl.nn.Block block) {
        List<Variable> mine = new ArrayList<>(dot4j.namedParameters().values());
        var theirs = block.getParameters().values();
        if (mine.size() != theirs.size()) {
            throw new IllegalStateException("lenet5: dot4j has " + mine.size() + " parameters, DJL " + theirs.size());
        }
        for (int i = 0; i < mine.size(); i++) {
            NDArray target = theirs.get(i).getArray();
            long[] want = target.getShape().getShape();
            int[] have = mine.get(i).data().shape();
            if (!Arrays.equals(want, Arrays.stream(have).asLongStream().toArray())) {
                throw new IllegalStateException("lenet5 parameter " + i + ": DJL shape " + target.getShape() + ", dot4j "
                        + Arrays.toString(have));
            }
            target.set(mine.get(i).data().data());
        }
    }

    /**
     * PyTorch's convolution on the two LeNet-5 shapes against a plain loop (random inputs and weights, 4 images);
     * throws if any output is off by more than 1e-3 relative or is not finite.
     */
    private static void checkConvolutions() {
        Rng rng = new Rng(7);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            int[][] shapes = {{1, 20, 28}, {20, 50, 12}};
            for (int[] s : shapes) {
                int c = s[0];
                int oc = s[1];
                int hw = s[2];
                int n = 4;
                int o = hw - 4;
                float[] x = Tensor.randn(rng, 1f, n, c, hw, hw).data();
                float[] w = Tensor.randn(rng, 0.2f, oc, c, 5, 5).data();
                float[] bias = Tensor.randn(rng, 0.1f, oc).data();
                NDArray y = Conv2d.conv2d(m.create(x, new Shape(n, c, hw, hw)), m.create(w, new Shape(oc, c, 5, 5)),
                        m.create(bias, new Shape(oc))).singletonOrThrow();
                float[] got = y.toFloatArray();
                double worst = 0;
                for (int b = 0; b < n; b++) {
                    for (int f = 0; f < oc; f++) {
                        for (int i = 0; i < o; i++) {
                            for (int j = 0; j < o; j++) {
                                double ref = bias[f];
                                for (int ch = 0; ch < c; ch++) {
                                    for (int u = 0; u < 5; u++) {
                                        for (int v = 0; v < 5; v++) {
                                            ref += (double) x[((b * c + ch) * hw + i + u) * hw + j + v] * w[((f * c + ch) * 5 + u) * 5 + v];
                                        }
                                    }
                                }
                                float g = got[((b * oc + f) * o + i) * o + j];
                                double err = Math.abs(g - ref) / (1 + Math.abs(ref));
                                if (!(err <= 1e-3)) {
                                    throw new IllegalStateException("PyTorch conv " + c + "->" + oc + " on " + hw + "x" + hw
                                            + " is wrong at image " + b + " channel " + f + " (" + i + ", " + j + "): " + g
                                            + ", reference " + ref + "; refusing to time it (try --mkldnn off)");
                                }
                                worst = Math.max(worst, err);
                            }
                        }
                    }
                }
                System.out.printf("PyTorch conv %d->%d on %dx%d, %d threads, matches the plain loop (worst relative error %.1e)%n",
                        c, oc, hw, hw, JniUtils.getNumThreads(), worst);
            }
        }
    }

    /** Sets PyTorch's global oneDNN switch through libtorch's C++ API; returns a description of the outcome. */
    private static String setMkldnn(boolean enabled) {
        Optional<Path> lib = findLibTorch();
        if (lib.isEmpty()) {
            return "switch not found (libtorch_cpu.so not under ~/.djl.ai); left at PyTorch's default (on)";
        }
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup look = SymbolLookup.libraryLookup(lib.get(), Arena.global());
            MethodHandle context = linker.downcallHandle(look.find("_ZN2at13globalContextEv").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.ADDRESS));
            MethodHandle set = linker.downcallHandle(look.find("_ZN2at7Context20setUserEnabledMkldnnEb").orElseThrow(),
                    FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_BOOLEAN));
            MethodHandle get = linker.downcallHandle(look.find("_ZNK2at7Context17userEnabledMkldnnEv").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_BOOLEAN, ValueLayout.ADDRESS));
            MemorySegment ctx = (MemorySegment) context.invokeExact();
            set.invokeExact(ctx, enabled);
            boolean now = (boolean) get.invokeExact(ctx);
            if (now != enabled) {
                throw new IllegalStateException("oneDNN switch did not take: asked " + enabled + ", reads " + now);
            }
            return (now ? "on" : "off") + " (at::globalContext().userEnabledMkldnn() = " + now + ")";
        } catch (Throwable e) {
            throw new IllegalStateException("could not set PyTorch's oneDNN switch in " + lib.get() + ": " + e, e);
        }
    }

    private static Optional<Path> findLibTorch() {
        String cache = System.getenv("DJL_CACHE_DIR");
        Path root = cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".djl.ai");
        Path dir = root.resolve("pytorch");
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().equals("libtorch_cpu.so")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
