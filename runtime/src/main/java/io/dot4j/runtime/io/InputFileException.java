package io.dot4j.runtime.io;

import java.io.IOException;
import java.nio.file.Path;

/** An input that no reader should open or keep reading (not a regular file, too long); the message names it. */
public final class InputFileException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public InputFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
