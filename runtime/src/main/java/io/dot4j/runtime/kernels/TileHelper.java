package io.dot4j.runtime.kernels;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A second thread for one image: it runs the upper half of the row tiles of a large binary convolution while the
 * calling thread runs the lower half, so a batch of one image uses two cores. The hand-off is a volatile field
 * the helper spins on (a thread pool's queue and wake-up cost microseconds, as much as the half it would save);
 * after {@link #SPIN_NANOS} without work it parks, and the next task unparks it. Results do not depend on the
 * split: every tile is computed the same way by whichever thread runs it.
 *
 * <p>One caller at a time: a second thread calling {@link #split} while the helper is busy runs all the tiles
 * itself. {@link #close} stops the thread (a daemon, so a forgotten helper does not keep a JVM alive).
 */
final class TileHelper implements AutoCloseable {
    /** How long the helper spins for the next task before it parks: longer than one image of a small model. */
    static final long SPIN_NANOS = 200_000;

    /** A range of tiles to run: {@code [from, to)}. */
    interface Task {
        void run(int from, int to);
    }

    private final Thread thread;
    private final AtomicBoolean owned = new AtomicBoolean();
    private final AtomicReference<Task> task = new AtomicReference<>();
    private volatile boolean done;
    private volatile boolean closed;
    private int from;
    private int to;
    private Throwable failure;
    private long splits; // written by owners only, under the owned flag


    TileHelper() {
        thread = new Thread(this::loop, "dot4j-tile-helper");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Runs {@code t} over the tiles {@code [0, tiles)}: tiles {@code [0, tiles / 2)} on the calling thread and the rest on
     * the helper, and returns when both are done (rethrowing what either threw). Fewer than two tiles, a busy or
     * closed helper: the calling thread runs them all.
     */
    void split(int tiles, Task t) {
        if (tiles < 2 || closed || !owned.compareAndSet(false, true)) {
            t.run(0, tiles);
            return;
        }
        try {
            splits++;
            int half = tiles / 2;
            from = half;
            to = tiles;
            failure = null;
            done = false;
            task.set(t); // volatile write: publishes from, to and the task's own fields
            LockSupport.unpark(thread);
            Throwable mine = null;
            try {
                t.run(0, half);
            } catch (Throwable e) {
                mine = e;
            }
            // wait even when our half failed: the helper must be idle before another owner posts a task
            while (!done) {
                if (!thread.isAlive()) {
                    // closed between our check and the post, and the helper left without seeing the task: run it here
                    Task orphan = task.getAndSet(null);
                    if (orphan != null) {
                        runHelperHalf(orphan);
                    }
                }
                Thread.onSpinWait();
            }
            rethrow(mine != null ? mine : failure);
        } finally {
            owned.set(false);
        }
    }

    private static void rethrow(Throwable t) {
        if (t == null) {
            return;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    /** How many calls were shared with the helper thread (for tests). */
    long splits() {
        return splits;
    }

    private void loop() {
        long idleSince = System.nanoTime();
        while (true) {
            Task t = task.get(); // a plain read while spinning: no write to the owner's cache line
            if (t != null && task.compareAndSet(t, null)) {
                runHelperHalf(t);
                idleSince = System.nanoTime();
                continue;
            }
            if (closed) {
                return; // a task posted after this is run by its owner (split sees the thread gone)
            }
            if (System.nanoTime() - idleSince < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, 1_000_000_000L);
            }
        }
    }

    private void runHelperHalf(Task t) {
        try {
            t.run(from, to);
        } catch (Throwable e) {
            failure = e;
        }
        done = true; // volatile write: publishes the tiles written and the failure
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
