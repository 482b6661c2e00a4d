package io.dot4j.codegen.verilog;

/** An external tool is missing, failed or timed out; the message names the tool and its log. */
public final class ToolException extends RuntimeException {
    public ToolException(String message) {
        super(message);
    }
}
