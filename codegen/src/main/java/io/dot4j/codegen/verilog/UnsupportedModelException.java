package io.dot4j.codegen.verilog;

/** The model uses something the Verilog back end does not build; the message names the layer and what is missing. */
public final class UnsupportedModelException extends RuntimeException {
    public UnsupportedModelException(String message) {
        super(message);
    }
}
