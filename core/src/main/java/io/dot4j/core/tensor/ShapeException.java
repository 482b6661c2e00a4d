package io.dot4j.core.tensor;

/** Thrown when tensor shapes do not fit an operation; the message names the operation, what it expected and what came. */
public final class ShapeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ShapeException(String message) {
        super(message);
    }
}
