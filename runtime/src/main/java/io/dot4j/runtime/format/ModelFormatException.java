package io.dot4j.runtime.format;

import java.io.IOException;

/**
 * A {@code .dot4j} file that is not a valid model: truncated, corrupted or hostile. The message names the
 * file, the byte offset and the field, e.g. {@code model.dot4j: offset 37: layer 2 (Conv) 'outChannels' = 0, expected 1..65535}.
 */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long offset;
    private final String detail;

    public ModelFormatException(String source, long offset, String message) {
        this(source, offset, message, null);
    }

    public ModelFormatException(String source, long offset, String message, Throwable cause) {
        super(source + ": offset " + offset + ": " + message, cause);
        this.offset = offset;
        this.detail = message;
    }

    /** The message without the file name and offset. */
    public String detail() {
        return detail;
    }

    /** Byte offset in the file of the field at fault. */
    public long offset() {
        return offset;
    }
}
