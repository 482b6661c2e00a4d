package io.dot4j.core.autograd;

/**
 * A scope in which functions run without recording the graph (inference, evaluation, parameter updates):
 * <pre>{@code try (var _ = NoGrad.enter()) { y = model.forward(x); } }</pre>
 * Scopes nest and belong to the current thread only.
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final Thread owner = Thread.currentThread();
    private boolean closed;

    private NoGrad() {
    }

    public static NoGrad enter() {
        DEPTH.get()[0]++;
        return new NoGrad();
    }

    /** True inside at least one open scope on this thread. */
    public static boolean isActive() {
        return DEPTH.get()[0] > 0;
    }

    @Override
    public void close() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("NoGrad: expected close() on the thread that entered it (" + owner.getName()
                    + "), actual " + Thread.currentThread().getName());
        }
        if (!closed) {
            closed = true;
            DEPTH.get()[0]--;
        }
    }
}
