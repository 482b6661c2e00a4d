package io.dot4j.core.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;

/**
 * Runs loops over a FIXED partition of an index range: the calling thread runs chunk 0, the other chunks go to a
 * dedicated {@link ForkJoinPool} of {@code threads() - 1} daemon workers. (The common pool has only
 * {@code availableProcessors() - 1} workers and an external caller merely waits on it, so on a 2-core machine it ran
 * one chunk at a time.)
 *
 * <p>Determinism: the range [0, n) is cut into {@link #chunks(int)} pieces that depend only on n and the configured
 * thread count, never on timing. Kernels either let each chunk write its own outputs, or compute one partial result
 * per chunk and combine the partials in chunk order; so the bits of a result depend only on the inputs and the thread
 * count (and for kernels whose per-output summation order does not depend on the partition, such as {@link Gemm},
 * not even on that).
 *
 * <p>The thread count defaults to {@code Runtime.availableProcessors()}, can be set with the system property
 * {@code dot4j.threads} or {@link #setThreads(int)}.
 */
public final class Parallel {
    /** Below this many estimated multiply-adds a loop runs on the calling thread (same partition, same bits). */
    private static final long SERIAL_WORK = 1L << 15;
    /**
     * The same for the inference-only kernels ({@link ConvPanels}, {@link RowDot}): a batch-1 LeNet-5 forward is about
     * 100 us of work in a few steps, and waking a worker for each step cost more than it saved (2 threads ran at half
     * the speed of 1 in the ONNX Runtime benchmark); training keeps the lower threshold, where its many mid-sized
     * element-wise steps gain from two threads.
     */
    public static final long INFERENCE_SERIAL_WORK = 1L << 22;

    private static volatile int threads = initialThreads();
    /** Workers for chunks 1.. of a loop; replaced when the thread count changes. */
    private static volatile ForkJoinPool pool;
    private static int poolSize;

    private Parallel() {
    }

    private static int initialThreads() {
        String p = System.getProperty("dot4j.threads");
        if (p != null) {
            try {
                int t = Integer.parseInt(p.trim());
                if (t >= 1) {
                    return t;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the default; a bad property must not stop training
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    public static int threads() {
        return threads;
    }

    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads: expected >= 1, actual " + n);
        }
        threads = n;
    }

    /** Body of a loop over the index range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /** Body of a chunked loop that also learns which chunk it runs (to write a per-chunk partial result). */
    @FunctionalInterface
    public interface ChunkBody {
        void run(int chunk, int from, int to);
    }

    /** Number of chunks the range [0, n) is cut into: min(n, threads), at least 1. */
    public static int chunks(int n) {
        return Math.max(1, Math.min(n, threads));
    }

    /** Start of chunk c of [0, n) cut into {@code chunks} nearly equal pieces. */
    public static int chunkStart(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }

    /** Runs body over [0, n); {@code workPerItem} estimates the cost of one index, to keep tiny loops serial. */
    public static void forRange(int n, long workPerItem, RangeBody body) {
        forChunks(n, workPerItem, SERIAL_WORK, (c, from, to) -> body.run(from, to));
    }

    /** {@link #forRange(int, long, RangeBody)} that stays on the calling thread below {@code serialWork} in total. */
    public static void forRange(int n, long workPerItem, long serialWork, RangeBody body) {
        forChunks(n, workPerItem, serialWork, (c, from, to) -> body.run(from, to));
    }

    /** Runs body once per chunk of [0, n) (see {@link #chunks(int)}), in parallel when the work is large enough. */
    public static void forChunks(int n, long workPerItem, ChunkBody body) {
        forChunks(n, workPerItem, SERIAL_WORK, body);
    }

    private static void forChunks(int n, long workPerItem, long serialWork, ChunkBody body) {
        if (n <= 0) {
            return;
        }
        int chunks = chunks(n);
        if (chunks == 1 || (long) n * Math.max(1, workPerItem) < serialWork) {
            for (int c = 0; c < chunks; c++) {
                body.run(c, chunkStart(n, chunks, c), chunkStart(n, chunks, c + 1));
            }
            return;
        }
        ForkJoinPool workers = workers(chunks - 1);
        RecursiveAction[] tasks = new RecursiveAction[chunks];
        for (int c = 1; c < chunks; c++) {
            int chunk = c;
            int from = chunkStart(n, chunks, c);
            int to = chunkStart(n, chunks, c + 1);
            tasks[c] = new RecursiveAction() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void compute() {
                    body.run(chunk, from, to);
                }
            };
            if (Thread.currentThread() instanceof ForkJoinWorkerThread w && w.getPool() == workers) {
                tasks[c].fork(); // nested loop inside a worker: fork so that join can run it here if nobody else does
            } else {
                workers.execute(tasks[c]);
            }
        }
        Throwable failure = null;
        try {
            body.run(0, 0, chunkStart(n, chunks, 1));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (int c = 1; c < chunks; c++) {
            try {
                tasks[c].join();
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /** The worker pool, (re)created with at least {@code size} threads. */
    private static ForkJoinPool workers(int size) {
        ForkJoinPool p = pool;
        if (p != null && poolSize >= size) {
            return p;
        }
        synchronized (Parallel.class) {
            if (pool == null || poolSize < size) {
                ForkJoinPool old = pool;
                pool = new ForkJoinPool(size, fj -> {
                    ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(fj);
                    t.setDaemon(true);
                    t.setName("dot4j-parallel-" + t.getPoolIndex());
                    return t;
                }, null, false);
                poolSize = size;
                if (old != null) {
                    old.shutdown(); // running tasks finish; idle workers exit
                }
            }
            return pool;
        }
    }
}
