package io.dot4j.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

class TileHelperTest {

    @Test
    void everyTileRunsOnceTheUpperHalfOnTheHelper() {
        try (TileHelper h = new TileHelper()) {
            for (int tiles = 2; tiles <= 17; tiles++) {
                AtomicReferenceArray<String> by = new AtomicReferenceArray<>(tiles);
                AtomicIntegerArray runs = new AtomicIntegerArray(tiles);
                h.split(tiles, (from, to) -> {
                    for (int t = from; t < to; t++) {
                        runs.incrementAndGet(t);
                        by.set(t, Thread.currentThread().getName());
                    }
                });
                String caller = Thread.currentThread().getName();
                for (int t = 0; t < tiles; t++) {
                    assertEquals(1, runs.get(t), "tile " + t + " of " + tiles);
                    assertEquals(t < tiles / 2 ? caller : "dot4j-tile-helper", by.get(t), "tile " + t + " of " + tiles);
                }
            }
            assertEquals(16, h.splits());
        }
    }

    @Test
    void oneTileOrAClosedHelperRunsOnTheCaller() {
        TileHelper h = new TileHelper();
        List<String> names = new ArrayList<>();
        h.split(1, (from, to) -> names.add(from + "-" + to + " " + Thread.currentThread().getName()));
        h.close();
        h.split(8, (from, to) -> names.add(from + "-" + to + " " + Thread.currentThread().getName()));
        String me = Thread.currentThread().getName();
        assertEquals(List.of("0-1 " + me, "0-8 " + me), names);
        assertEquals(0, h.splits());
    }

    @Test
    void whatTheHelperThrowsReachesTheCaller() {
        try (TileHelper h = new TileHelper()) {
            IllegalStateException boom = new IllegalStateException("tile failed");
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> h.split(4, (from, to) -> {
                if (from >= 2) {
                    throw boom;
                }
            }));
            assertSame(boom, thrown);
            // and the helper still works afterwards
            AtomicIntegerArray runs = new AtomicIntegerArray(4);
            h.split(4, (from, to) -> {
                for (int t = from; t < to; t++) {
                    runs.incrementAndGet(t);
                }
            });
            for (int t = 0; t < 4; t++) {
                assertEquals(1, runs.get(t));
            }
        }
    }

    @Test
    void whenTheCallersHalfThrowsItWaitsForTheHelperFirst() {
        try (TileHelper h = new TileHelper()) {
            java.util.concurrent.atomic.AtomicBoolean helperDone = new java.util.concurrent.atomic.AtomicBoolean();
            IllegalArgumentException boom = new IllegalArgumentException("caller's tile failed");
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> h.split(4, (from, to) -> {
                if (from == 0) {
                    throw boom;
                }
                try {
                    Thread.sleep(50); // the helper's half takes longer than the caller's failure
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                helperDone.set(true);
            }));
            assertSame(boom, thrown);
            assertTrue(helperDone.get(), "split returned before the helper finished its half");
        }
    }

    @Test
    void closingDuringSplitsNeverLosesATile() throws Exception {
        for (int round = 0; round < 200; round++) {
            TileHelper h = new TileHelper();
            AtomicIntegerArray runs = new AtomicIntegerArray(8);
            Thread caller = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    h.split(8, (from, to) -> {
                        for (int k = from; k < to; k++) {
                            runs.incrementAndGet(k);
                        }
                    });
                }
            });
            caller.start();
            if (round % 2 == 0) {
                Thread.onSpinWait();
            } else {
                Thread.sleep(0, 1000 * (round % 50));
            }
            h.close();
            caller.join(10_000);
            assertTrue(!caller.isAlive(), "round " + round + ": a split hung after close");
            for (int k = 0; k < 8; k++) {
                assertEquals(50, runs.get(k), "round " + round + ", tile " + k);
            }
        }
    }

    @Test
    void concurrentCallersEachGetAllTheirTiles() throws Exception {
        try (TileHelper h = new TileHelper()) {
            int callers = 3, rounds = 2000, tiles = 6;
            AtomicIntegerArray[] runs = new AtomicIntegerArray[callers];
            List<Thread> threads = new ArrayList<>();
            List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int c = 0; c < callers; c++) {
                AtomicIntegerArray mine = runs[c] = new AtomicIntegerArray(tiles);
                Thread t = new Thread(() -> {
                    for (int i = 0; i < rounds; i++) {
                        h.split(tiles, (from, to) -> {
                            for (int k = from; k < to; k++) {
                                mine.incrementAndGet(k);
                            }
                        });
                    }
                });
                t.setUncaughtExceptionHandler((th, e) -> errors.add(e));
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join(60_000);
            }
            assertTrue(errors.isEmpty(), errors.toString());
            for (int c = 0; c < callers; c++) {
                for (int k = 0; k < tiles; k++) {
                    assertEquals(rounds, runs[c].get(k), "caller " + c + ", tile " + k);
                }
            }
            assertTrue(h.splits() > 0 && h.splits() <= (long) callers * rounds, "splits " + h.splits());
        }
    }
}
