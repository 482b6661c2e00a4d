package io.dot4j.core.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * Runs loops over a FIXED partition of an index range on the shared {@link ForkJoinPool#commonPool()}.
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

    private static volatile int threads = initialThreads();

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
        forChunks(n, workPerItem, (c, from, to) -> body.run(from, to));
    }

    /** Runs body once per chunk of [0, n) (see {@link #chunks(int)}), in parallel when the work is large enough. */
    public static void forChunks(int n, long workPerItem, ChunkBody body) {
        if (n <= 0) {
            return;
        }
        int chunks = chunks(n);
        if (chunks == 1 || (long) n * Math.max(1, workPerItem) < SERIAL_WORK) {
            for (int c = 0; c < chunks; c++) {
                body.run(c, chunkStart(n, chunks, c), chunkStart(n, chunks, c + 1));
            }
            return;
        }
        List<RecursiveAction> tasks = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int chunk = c;
            int from = chunkStart(n, chunks, c);
            int to = chunkStart(n, chunks, c + 1);
            tasks.add(new RecursiveAction() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void compute() {
                    body.run(chunk, from, to);
                }
            });
        }
        ForkJoinTask.invokeAll(tasks);
    }
}
