package io.dot4j.core.tensor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
