package io.dot4j.core.train;

import java.io.IOException;
import java.nio.file.Path;

/** A checkpoint file that is not valid: the message names the file, the byte offset and what was wrong. */
public final class CheckpointFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    public CheckpointFormatException(Path file, long offset, String problem) {
        super(file + ": at byte offset " + offset + ": " + problem);
        this.file = file;
        this.offset = offset;
    }

    public CheckpointFormatException(Path file, long offset, String problem, Throwable cause) {
        super(file + ": at byte offset " + offset + ": " + problem, cause);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
