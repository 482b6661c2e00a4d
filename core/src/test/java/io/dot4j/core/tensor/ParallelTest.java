package io.dot4j.core.tensor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelTest {
    private final int saved = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(saved);
    }

    @Test
    void everyIndexRunsExactlyOnceInFixedChunks() {
        Parallel.setThreads(3);
        int n = 100_003;
        AtomicIntegerArray hits = new AtomicIntegerArray(n);
        int[] chunkOf = new int[n];
        Parallel.forChunks(n, 1_000, (c, from, to) -> {
            for (int i = from; i < to; i++) {
                hits.incrementAndGet(i);
                chunkOf[i] = c;
            }
        });
        for (int i = 0; i < n; i++) {
            assertEquals(1, hits.get(i), "index " + i);
        }
        assertEquals(3, Parallel.chunks(n));
        assertEquals(0, chunkOf[Parallel.chunkStart(n, 3, 1) - 1]);
        assertEquals(1, chunkOf[Parallel.chunkStart(n, 3, 1)]);
        assertEquals(2, chunkOf[n - 1]);
        assertEquals(1, Parallel.chunks(1));
    }

    @Test
    void exceptionsPropagate() {
        Parallel.setThreads(2);
        assertThrows(IllegalStateException.class, () -> Parallel.forRange(1000, 1000, (a, b) -> {
            throw new IllegalStateException("boom");
        }));
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    }

    @Test
    void twoThreadsReallyRunOnTwoThreads() {
        Parallel.setThreads(2);
        String[] ranOn = new String[2];
        Parallel.forChunks(2, 1L << 20, (c, from, to) -> ranOn[c] = Thread.currentThread().getName());
        assertEquals(Thread.currentThread().getName(), ranOn[0], "the caller runs chunk 0");
        assertTrue(ranOn[1].startsWith("dot4j-parallel-"), "chunk 1 on a worker, actual " + ranOn[1]);
    }

    @Test
    void anExplicitSerialThresholdKeepsSmallWorkOnTheCallerWithTheSameChunks() {
        Parallel.setThreads(2);
        String caller = Thread.currentThread().getName();
        String[] ranOn = new String[2];
        int[][] bounds = new int[2][];
        // 2 items x 1M = 2M estimated multiply-adds: parallel by default, serial under the inference threshold
        Parallel.forRange(2, 1L << 20, Parallel.INFERENCE_SERIAL_WORK, (from, to) -> {
            ranOn[from] = Thread.currentThread().getName();
            bounds[from] = new int[] {from, to};
        });
        assertEquals(caller, ranOn[0]);
        assertEquals(caller, ranOn[1], "below the threshold every chunk runs on the caller");
        assertEquals(1, bounds[1][0], "the partition does not change, so neither do the bits");
        assertEquals(2, bounds[1][1]);
        Parallel.forRange(2, 1L << 22, Parallel.INFERENCE_SERIAL_WORK, (from, to) -> ranOn[from] = Thread.currentThread().getName());
        assertTrue(ranOn[1].startsWith("dot4j-parallel-"), "above it chunk 1 runs on a worker, actual " + ranOn[1]);
    }
}
