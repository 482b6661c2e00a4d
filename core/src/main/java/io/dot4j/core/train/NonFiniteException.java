package io.dot4j.core.train;

/**
 * Training produced a NaN or an infinity; the message names where (loss or parameter path) and when (iteration,
 * epoch), so a diverging run stops at once instead of silently writing garbage checkpoints.
 */
public final class NonFiniteException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final String where;
    private final long iteration;

    public NonFiniteException(String message, String where, long iteration) {
        super(message);
        this.where = where;
        this.iteration = iteration;
    }

    /** "loss" or the parameter path such as "conv1.W". */
    public String where() {
        return where;
    }

    /** The 1-based iteration at which it happened. */
    public long iteration() {
        return iteration;
    }
}
