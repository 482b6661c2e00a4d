package io.dot4j.runtime.audio;

import java.io.IOException;

/**
 * A WAV file this reader does not accept: truncated, inconsistent, hostile or of an unsupported kind. The message
 * names the file, the byte offset and the field, e.g. {@code 7_theo_3.wav: offset 22: 'channels' = 2, expected 1 (mono)}.
 */
public final class WavFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public WavFormatException(String source, long offset, String message) {
        super(source + ": offset " + offset + ": " + message);
        this.offset = offset;
    }

    /** Byte offset in the file of the field at fault. */
    public long offset() {
        return offset;
    }
}
