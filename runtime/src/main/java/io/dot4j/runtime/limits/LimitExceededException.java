package io.dot4j.runtime.limits;

/**
 * A network declared in a file is larger than a {@link ResourceLimits} limit; thrown before anything is allocated.
 * Unchecked, like the argument checks of the builders it comes from; the message names the file, the field and both
 * numbers.
 */
public final class LimitExceededException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final long actual;
    private final long limit;

    public LimitExceededException(String message, long actual, long limit) {
        super(message);
        this.actual = actual;
        this.limit = limit;
    }

    /** What the network needs. */
    public long actual() {
        return actual;
    }

    /** The limit it exceeds. */
    public long limit() {
        return limit;
    }
}
