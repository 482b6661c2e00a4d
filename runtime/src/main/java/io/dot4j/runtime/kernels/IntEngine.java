package io.dot4j.runtime.kernels;

import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.Flatten;
import io.dot4j.runtime.ir.GlobalSumPool;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.TensorType;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.ir.Weights;
import io.dot4j.runtime.kernels.spi.BitConvKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The fast engine: runs an {@link IntModel} with bit-packed kernels (1- and 2-bit weights by the bit-serial
 * identity, see {@code BitSerialConvStep}; int8 weights by int dot products, {@code Int8ConvStep}). Dense layers run
 * as convolutions whose kernel covers the whole channel-last input. It gives exactly the integers of
 * {@link io.dot4j.runtime.reference.ReferenceInterpreter} at every layer.
 *
 * <p>Small models (all buffers and widened weights under {@link PlanarPlan#MAX_INTS} ints) run on the planar
 * kernels ({@link PlanarPlan}): channel-major buffers, vectorized loops along whole grids of positions, and all
 * memory preallocated once per thread and engine; larger ones run layer by layer on the steps above.
 *
 * <p>Thread-safe: scratch memory is per thread (planar) or per call (steps). Batches are split into fixed contiguous chunks, one per
 * thread, and every image is computed independently, so results do not depend on the thread count. A batch with fewer
 * images than threads (one image on two threads) shares each image's large binary convolutions instead: the calling
 * thread runs half of their row tiles and a {@link TileHelper} thread the other half.
 * {@link #close()} stops the worker threads (they are daemons, so forgetting it does not keep a JVM alive).
 */
public final class IntEngine implements AutoCloseable {
    private final IntModel model;
    private final Step[] steps;
    private final BitConvKernel kernel;
    private final PlanarPlan plan; // null: the model is too large for it, use the steps
    private final ThreadLocal<PlanarPlan.Workspace> workspaces;
    private final Object poolLock = new Object();
    private ExecutorService pool;
    private int poolThreads;
    private TileHelper helper; // a batch of one image on two threads: the second half of its large convolutions

    public IntEngine(IntModel model) {
        this(model, true);
    }

    /** {@code planar} false forces the per-layer steps (package-private, for tests of that path). */
    IntEngine(IntModel model, boolean planar) {
        this(model, planar, BitConvKernels.select());
    }

    /** The planar engine (if the model fits it) with binary convolutions on {@code kernel} (for tests and A/B runs). */
    IntEngine(IntModel model, boolean planar, BitConvKernel kernel) {
        if (model == null) {
            throw new IllegalArgumentException("model is required");
        }
        this.model = model;
        List<TensorType> types = model.outputTypes();
        steps = new Step[model.layers().size()];
        TensorType in = model.inputType();
        for (int i = 0; i < steps.length; i++) {
            steps[i] = compile(model.layers().get(i), in, types.get(i));
            in = types.get(i);
        }
        this.kernel = kernel;
        plan = planar ? PlanarPlan.compile(model, kernel) : null;
        workspaces = plan == null ? null : ThreadLocal.withInitial(plan::newWorkspace);
    }

    /**
     * The binary-convolution kernel this engine uses: "portable" (plain Java) or, when the dot4j-runtime-vector jar is
     * on the class path and the JVM runs with {@code --add-modules jdk.incubator.vector}, the Vector API kernel
     * (see {@link BitConvKernels}); "steps" when the model is too large for the planar kernels.
     */
    public String bitKernel() {
        return plan == null ? "steps" : kernel.name();
    }

    /** Whether this engine runs the planar kernels (small models) rather than the per-layer steps. */
    boolean isPlanar() {
        return plan != null;
    }

    private static Step compile(Layer layer, TensorType inType, TensorType outType) {
        Shape in = inType.shape(), out = outType.shape();
        if (layer instanceof Conv) {
            Conv l = (Conv) layer;
            return conv(in, inType.bits(), l.kernelHeight(), l.kernelWidth(), l.stride(), l.padding(), out, l.weights(), null);
        }
        if (layer instanceof Dense) {
            Dense l = (Dense) layer;
            // a dense layer is a convolution whose kernel covers the whole (channel-last) input
            return conv(in, inType.bits(), in.height(), in.width(), 1, 0, out, l.weights(), l.hasBias() ? l.bias() : null);
        }
        if (layer instanceof ThresholdActivation) {
            ThresholdActivation l = (ThresholdActivation) layer;
            return new ThresholdStep(l.channels(), l.perChannel(), l.thresholds(), l.negative());
        }
        if (layer instanceof MaxPool) {
            MaxPool l = (MaxPool) layer;
            return new MaxPoolStep(in.width(), in.channels(), l.kernel(), l.stride(), out.height(), out.width());
        }
        if (layer instanceof GlobalSumPool) {
            return new GlobalSumStep(in.channels());
        }
        if (layer instanceof Flatten) {
            return new FlattenStep();
        }
        throw new IllegalArgumentException("unknown layer " + layer);
    }

    private static Step conv(Shape in, int bits, int kh, int kw, int stride, int pad, Shape out, Weights w, int[] bias) {
        if (w.bits() == 8) {
            return new Int8ConvStep(in.height(), in.width(), in.channels(), kh, kw, stride, pad, out.height(), out.width(),
                    out.channels(), w.int8Copy(), bias);
        }
        return new BitSerialConvStep(in.height(), in.width(), in.channels(), bits, kh, kw, stride, pad, out.height(),
                out.width(), out.channels(), w.bits(), w.packedCopy(), bias);
    }

    public IntModel model() {
        return model;
    }

    /**
     * Bytes of the int32 activation buffers one thread works in: on the planar kernels the buffers it preallocates
     * (the image and every stage's output, on grids with padding columns, pooled tensors on their input's grid); on
     * the steps the int arrays it allocates per image (4 bytes per element of every tensor). Kernel scratch (packed
     * bit grids) and weights are not counted.
     */
    public long workspaceBytesPerThread() {
        if (plan != null) {
            return 4 * plan.workspaceInts();
        }
        long ints = model.input().elements();
        for (TensorType t : model.outputTypes()) {
            ints += t.shape().elements();
        }
        return 4 * ints;
    }

    private Object[] newWorkspace() {
        Object[] ws = new Object[steps.length];
        for (int i = 0; i < steps.length; i++) {
            ws[i] = steps[i].newScratch();
        }
        return ws;
    }

    private void checkPixels(byte[] pixels) {
        int n = model.input().elements();
        if (pixels == null || pixels.length != n) {
            throw new IllegalArgumentException("expected " + n + " pixels for input " + model.input()
                    + " (channel-last), got " + (pixels == null ? "null" : pixels.length));
        }
    }

    private int[] input(byte[] pixels) {
        checkPixels(pixels);
        int n = pixels.length;
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = pixels[i] & 0xFF;
        }
        return x;
    }

    private int[] run(byte[] pixels, Object[] ws, List<int[]> trace) {
        int[] x = input(pixels);
        for (int i = 0; i < steps.length; i++) {
            int[] in = x;
            x = steps[i].apply(x, ws[i]);
            if (trace != null) {
                trace.add(x == in ? x.clone() : x); // Flatten passes its buffer through; keep trace entries distinct
            }
        }
        return x;
    }

    /** Class scores of one image (C*H*W pixels, channel-last). */
    public int[] scores(byte[] pixels) {
        if (plan != null) {
            checkPixels(pixels);
            return plan.run(pixels, workspaces.get(), null);
        }
        return run(pixels, newWorkspace(), null);
    }

    /** The output of every layer for one image, in order (channel-last); the last element is the scores. */
    public List<int[]> trace(byte[] pixels) {
        List<int[]> out = new ArrayList<>(steps.length);
        if (plan != null) {
            checkPixels(pixels);
            plan.run(pixels, workspaces.get(), out);
            return out;
        }
        run(pixels, newWorkspace(), out);
        return out;
    }

    /** Class scores of a batch on all available processors. */
    public int[][] scoresBatch(byte[][] images) {
        return scoresBatch(images, Runtime.getRuntime().availableProcessors());
    }

    /** Class scores of a batch on {@code threads} threads (1 = the calling thread only). */
    public int[][] scoresBatch(byte[][] images, int threads) {
        if (images == null) {
            throw new IllegalArgumentException("images is required");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ", expected >= 1");
        }
        for (int i = 0; i < images.length; i++) {
            if (images[i] == null || images[i].length != model.input().elements()) {
                throw new IllegalArgumentException("image " + i + ": expected " + model.input().elements() + " pixels, got "
                        + (images[i] == null ? "null" : images[i].length));
            }
        }
        int[][] out = new int[images.length][];
        int chunks = Math.min(threads, images.length);
        if (chunks <= 1 && threads >= 2 && plan != null) {
            // fewer images than threads (a batch of one): the large convolutions of each image split their tiles
            TileHelper h = helper();
            PlanarPlan.Workspace ws = workspaces.get();
            plan.attachHelper(ws, h);
            try {
                runChunk(images, out, 0, images.length);
            } finally {
                plan.attachHelper(ws, null);
            }
            return out;
        }
        if (chunks <= 1) {
            runChunk(images, out, 0, images.length);
            return out;
        }
        ExecutorService exec = pool(threads);
        List<Future<?>> futures = new ArrayList<>(chunks);
        for (int t = 0; t < chunks; t++) {
            int from = (int) ((long) images.length * t / chunks), to = (int) ((long) images.length * (t + 1) / chunks);
            futures.add(exec.submit(() -> runChunk(images, out, from, to)));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running a batch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("batch inference failed", e.getCause());
        }
        return out;
    }

    private void runChunk(byte[][] images, int[][] out, int from, int to) {
        if (plan != null) {
            PlanarPlan.Workspace ws = workspaces.get();
            for (int i = from; i < to; i++) {
                out[i] = plan.run(images[i], ws, null);
            }
            return;
        }
        Object[] ws = newWorkspace();
        for (int i = from; i < to; i++) {
            out[i] = run(images[i], ws, null);
        }
    }

    /** How many convolutions of single images were shared with the helper thread so far (for tests). */
    long tileSplits() {
        synchronized (poolLock) {
            return helper == null ? 0 : helper.splits();
        }
    }

    private TileHelper helper() {
        synchronized (poolLock) {
            if (helper == null) {
                helper = new TileHelper();
            }
            return helper;
        }
    }

    private ExecutorService pool(int threads) {
        synchronized (poolLock) {
            if (pool == null || poolThreads < threads) {
                if (pool != null) {
                    pool.shutdown();
                }
                pool = Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "dot4j-engine");
                    t.setDaemon(true);
                    return t;
                });
                poolThreads = threads;
            }
            return pool;
        }
    }

    @Override
    public void close() {
        synchronized (poolLock) {
            if (pool != null) {
                pool.shutdown();
                pool = null;
            }
            if (helper != null) {
                helper.close();
                helper = null;
            }
        }
    }
}
