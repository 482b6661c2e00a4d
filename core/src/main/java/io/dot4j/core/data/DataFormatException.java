package io.dot4j.core.data;

import java.nio.file.Path;

/**
 * A data file whose content is malformed: wrong magic number, truncated, inconsistent sizes, a bad cell, and so on.
 *
 * <p>Unchecked on purpose: the loaders already declare {@link java.io.IOException} for I/O failures, and a malformed
 * file is a problem in the user's data that callers normally report rather than recover from. The message always
 * names the file and where in it the problem is (a byte offset, or a line and column).
 */
public final class DataFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String location;

    /**
     * @param file     the file (or folder) that is malformed
     * @param location where in the file, for example "byte offset 16" or "line 3, column 5"; may be empty
     * @param problem  what is wrong, and what was expected
     */
    public DataFormatException(Path file, String location, String problem) {
        super(file + (location == null || location.isEmpty() ? "" : " at " + location) + ": " + problem);
        this.file = file;
        this.location = location == null ? "" : location;
    }

    /** Same, keeping the low-level cause (a corrupt gzip stream, an image decoder failure). */
    public DataFormatException(Path file, String location, String problem, Throwable cause) {
        this(file, location, problem);
        initCause(cause);
    }

    /** The malformed file. */
    public Path file() {
        return file;
    }

    /** Where in the file the problem is ("byte offset 16", "line 3, column 5"), or "" for the file as a whole. */
    public String location() {
        return location;
    }
}
