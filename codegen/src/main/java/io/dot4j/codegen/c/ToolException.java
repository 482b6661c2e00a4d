package io.dot4j.codegen.c;

/** A compiler, binutil or emulator that is missing or failed; the message names the tool and what it said. */
public final class ToolException extends RuntimeException {
    public ToolException(String message) {
        super(message);
    }
}
