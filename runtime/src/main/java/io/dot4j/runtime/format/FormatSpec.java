package io.dot4j.runtime.format;

/** Constants of the {@code .dot4j} layout; docs/MODEL_FORMAT.md describes every byte. */
final class FormatSpec {
    /** "DOT4J", NUL, CR, LF: a text-mode transfer that mangles line endings breaks the magic. */
    static final byte[] MAGIC = {'D', 'O', 'T', '4', 'J', 0, '\r', '\n'};
    /** Version 2 stores Dense biases at the narrowest width; version 1 (always i32) is no longer read. */
    static final int VERSION = 2;
    static final int HEADER_BYTES = 24;
    static final int CRC_BYTES = 4;
    /** Every layer record starts with u8 kind + u32 body length. */
    static final int RECORD_HEADER_BYTES = 5;
    static final int CONV_FIELDS = 12;
    static final int DENSE_FIELDS = 12;
    static final int THRESHOLD_FIELDS = 8;
    static final int MAXPOOL_FIELDS = 2;
    /** Largest file the reader accepts (256 MiB); tiny models are kilobytes. */
    static final long MAX_FILE_BYTES = 256L << 20;

    static final int KIND_CONV = 1;
    static final int KIND_DENSE = 2;
    static final int KIND_THRESHOLD = 3;
    static final int KIND_MAXPOOL = 4;
    static final int KIND_GLOBAL_SUM_POOL = 5;
    static final int KIND_FLATTEN = 6;

    private FormatSpec() {
    }
}
