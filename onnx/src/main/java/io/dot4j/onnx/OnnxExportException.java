package io.dot4j.onnx;

/**
 * A network that cannot be exported: a module without an ONNX mapping, or a module whose input does not fit it.
 * The message and {@link #modulePath()} name the module by its dotted path in the network (e.g. {@code block.act}).
 */
public class OnnxExportException extends IllegalArgumentException {
    private final String modulePath;

    public OnnxExportException(String modulePath, String message) {
        super("cannot export module '" + modulePath + "': " + message);
        this.modulePath = modulePath;
    }

    /** Dotted path of the offending module ("(root)" for the exported module itself). */
    public String modulePath() {
        return modulePath;
    }
}
