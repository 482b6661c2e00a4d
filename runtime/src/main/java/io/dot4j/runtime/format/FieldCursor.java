package io.dot4j.runtime.format;

import java.util.zip.CRC32;

/**
 * The little-endian fields of a {@code .dot4j} file, read with bounds: every read checks the bytes that remain before
 * {@code limit} (the record's end, or the CRC), every range check names the field, and every error is a
 * {@link ModelFormatException} at the field's first byte. {@link ModelParser} reads the model through it.
 */
class FieldCursor {
    final byte[] b;
    final String src;
    int pos;
    int limit;
    String prefix = ""; // "layer i " while inside a layer record
    boolean v2; // version 2: fixed-width counts, reserved bytes, weight rows padded to 64-bit words

    FieldCursor(byte[] b, String src) {
        this.b = b;
        this.src = src;
    }

    ModelFormatException fail(long at, String msg) {
        return new ModelFormatException(src, at, msg);
    }

    ModelFormatException withCrcHint(ModelFormatException e) {
        if (b.length < FormatSpec.PREFIX_BYTES + FormatSpec.CRC_BYTES || e.detail().startsWith("'crc32'")) {
            return e;
        }
        if (storedCrc() != computedCrc()) {
            return new ModelFormatException(src, e.offset(),
                    e.detail() + " (the CRC-32 does not match either: the file is corrupt or truncated)");
        }
        return e;
    }

    long storedCrc() {
        int at = b.length - FormatSpec.CRC_BYTES;
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    long computedCrc() {
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - FormatSpec.CRC_BYTES);
        return crc.getValue();
    }

    void need(int n, String field) throws ModelFormatException {
        if ((long) pos + n > limit) {
            String where = limit == b.length - FormatSpec.CRC_BYTES ? "before the CRC" : "in the record";
            throw fail(pos, prefix + "'" + field + "' needs " + n + " byte(s), but only " + Math.max(0, limit - pos)
                    + " remain " + where);
        }
    }

    int u8(String field) throws ModelFormatException {
        need(1, field);
        return b[pos++] & 0xFF;
    }

    int u16(String field) throws ModelFormatException {
        need(2, field);
        int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    int i32(String field) throws ModelFormatException {
        need(4, field);
        int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8 | (b[pos + 2] & 0xFF) << 16 | (b[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    /** A signed integer stored in {@code width} = 1, 2 or 4 bytes. */
    int signed(int width, String field) throws ModelFormatException {
        return width == 1 ? (byte) u8(field) : width == 2 ? (short) u16(field) : i32(field);
    }

    long u32(String field) throws ModelFormatException {
        return i32(field) & 0xFFFFFFFFL;
    }

    long i64() {
        long v = 0;
        for (int k = 7; k >= 0; k--) {
            v = v << 8 | (b[pos + k] & 0xFF);
        }
        pos += 8;
        return v;
    }

    /** Reads a field and checks its range; the error points at the field's first byte. */
    int field(String field, int bytes, long min, long max) throws ModelFormatException {
        int at = pos;
        long v = bytes == 1 ? u8(field) : bytes == 2 ? u16(field) : u32(field);
        if (v < min || v > max) {
            throw fail(at, prefix + "'" + field + "' = " + v + ", expected " + min + ".." + max);
        }
        return (int) v;
    }

    /**
     * An unsigned LEB128 varint of at most 5 bytes in its shortest form (one value, one encoding), checked
     * against {@code min..max}; errors point at its first byte.
     */
    long varint(String field, long min, long max) throws ModelFormatException {
        int at = pos;
        long v = 0;
        for (int i = 0; ; i++) {
            if (i == 5) {
                throw fail(at, prefix + "'" + field + "' varint is longer than 5 bytes");
            }
            int x = u8(field);
            v |= (long) (x & 0x7F) << (7 * i);
            if ((x & 0x80) == 0) {
                if (x == 0 && i > 0) {
                    throw fail(at, prefix + "'" + field + "' varint ends in a 0x00 byte: not its shortest encoding");
                }
                break;
            }
        }
        if (v < min || v > max) {
            throw fail(at, prefix + "'" + field + "' = " + v + ", expected " + min + ".." + max);
        }
        return v;
    }

    /** A count: a varint in versions 3 and 4, a u16/u32 of {@code v2Bytes} in version 2. */
    int count(String field, int v2Bytes, long min, long max) throws ModelFormatException {
        return v2 ? field(field, v2Bytes, min, max) : (int) varint(field, min, max);
    }

    /** Reserved zero bytes exist only in version 2. */
    void reserved(int bytes) throws ModelFormatException {
        if (v2) {
            zero("reserved", bytes);
        }
    }

    void zero(String field, int bytes) throws ModelFormatException {
        int at = pos;
        long v = bytes == 1 ? u8(field) : u16(field);
        if (v != 0) {
            throw fail(at, prefix + "'" + field + "' = " + v + ", expected 0 (reserved)");
        }
    }
}
