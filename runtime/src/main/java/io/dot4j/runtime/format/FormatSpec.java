package io.dot4j.runtime.format;

/** Constants of the {@code .dot4j} layout; docs/MODEL_FORMAT.md describes every byte. */
final class FormatSpec {
    /** "DOT4J", NUL, CR, LF: a text-mode transfer that mangles line endings breaks the magic. */
    static final byte[] MAGIC = {'D', 'O', 'T', '4', 'J', 0, '\r', '\n'};
    /**
     * Version 4 stores a threshold layer's signs as a bitmap (one bit per channel instead of one byte); everything
     * else is as in version 3. The writer writes this version.
     */
    static final int VERSION = 4;
    /**
     * Version 3 (still read) packs 1- and 2-bit weights as one bit stream per layer and stores counts as varints, but
     * one sign byte per channel.
     */
    static final int VERSION_3 = 3;
    /** Version 2 (weight rows padded to 64-bit words, fixed-width fields) is still read. */
    static final int VERSION_2 = 2;
    /** magic + u16 version: the part of the header every version shares. */
    static final int PREFIX_BYTES = 10;
    static final int CRC_BYTES = 4;
    /** Version 2: fixed 24-byte header, records start with u8 kind + u32 body length. */
    static final int V2_HEADER_BYTES = 24;
    static final int V2_RECORD_HEADER_BYTES = 5;
    static final int V2_CONV_FIELDS = 12;
    static final int V2_DENSE_FIELDS = 12;
    static final int V2_THRESHOLD_FIELDS = 8;
    /** Versions 3 and 4: a record is at least u8 kind + a one-byte varint body length. */
    static final int V3_MIN_RECORD_BYTES = 2;
    /** u8 kernelHeight, kernelWidth, stride, padding, weightBits, inputBits after the two channel varints. */
    static final int V3_CONV_U8_FIELDS = 6;
    /** u8 weightBits, inputBits, biasWidth after the two feature varints. */
    static final int V3_DENSE_U8_FIELDS = 3;
    /** u8 bits, width after the channel varint. */
    static final int V3_THRESHOLD_U8_FIELDS = 2;
    static final int MAXPOOL_FIELDS = 2;
    /** Largest file the reader accepts (256 MiB); tiny models are kilobytes. */
    static final long MAX_FILE_BYTES = 256L << 20;
    /**
     * Most memory the unpacked 1- and 2-bit weights of one model may take (sum over layers of
     * rows·bits·ceil(cols/64)·8 bytes). Version 3 stores a row of 1 column in 1 bit but unpacks it into a 64-bit
     * word, so without this bound a 256 MiB file could ask for 16 GiB.
     */
    static final long MAX_UNPACKED_WEIGHT_BYTES = 256L << 20;

    static final int KIND_CONV = 1;
    static final int KIND_DENSE = 2;
    static final int KIND_THRESHOLD = 3;
    static final int KIND_MAXPOOL = 4;
    static final int KIND_GLOBAL_SUM_POOL = 5;
    static final int KIND_FLATTEN = 6;

    private FormatSpec() {
    }

    /** Bytes of {@code v} as an unsigned LEB128 varint (7 bits per byte, least significant group first). */
    static int varintBytes(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("varints are unsigned, got " + v);
        }
        int n = 1;
        while (v >= 0x80) {
            v >>>= 7;
            n++;
        }
        return n;
    }
}
