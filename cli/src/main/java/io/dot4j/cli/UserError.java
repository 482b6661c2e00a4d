package io.dot4j.cli;

/**
 * A problem the user can fix (a missing tool, a wrong argument, a checksum mismatch); {@link Errors} prints its
 * message as one line, without a stack trace.
 */
public final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
