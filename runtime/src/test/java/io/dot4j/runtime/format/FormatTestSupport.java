package io.dot4j.runtime.format;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Helpers to craft files: patch fields, re-encode records and recompute the CRC so structural checks are reached.
 * They walk version-3 files (varint counts); the {@code v2} helpers walk version-2 files.
 */
final class FormatTestSupport {
    private FormatTestSupport() {
    }

    static byte[] withCrc(byte[] file) {
        byte[] out = file.clone();
        if (out.length >= 4) {
            CRC32 crc = new CRC32();
            crc.update(out, 0, out.length - 4);
            ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(out.length - 4, (int) crc.getValue());
        }
        return out;
    }

    static byte[] patch16(byte[] file, int offset, int value) {
        byte[] out = file.clone();
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putShort(offset, (short) value);
        return withCrc(out);
    }

    static byte[] patch32(byte[] file, int offset, int value) {
        byte[] out = file.clone();
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return withCrc(out);
    }

    static byte[] patch8(byte[] file, int offset, int value) {
        byte[] out = file.clone();
        out[offset] = (byte) value;
        return withCrc(out);
    }

    /** Unsigned LEB128, written here independently of the writer. */
    static byte[] varint(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int low = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? low | 0x80 : low);
        } while (v != 0);
        return out.toByteArray();
    }

    /** {value, length in bytes} of the varint at {@code pos}. */
    static long[] readVarint(byte[] file, int pos) {
        long v = 0;
        int i = 0;
        while (true) {
            int x = file[pos + i] & 0xFF;
            v |= (long) (x & 0x7F) << (7 * i);
            i++;
            if ((x & 0x80) == 0) {
                return new long[] {v, i};
            }
        }
    }

    /** Bytes of the version-3 header: magic, version, then five varints. */
    static int headerBytes(byte[] file) {
        int pos = 10;
        for (int k = 0; k < 5; k++) {
            pos += (int) readVarint(file, pos)[1];
        }
        return pos;
    }

    /** Offset of the first byte (the kind) of layer {@code index}'s record in a version-3 file. */
    static int layerOffset(byte[] file, int index) {
        int pos = headerBytes(file);
        for (int i = 0; i < index; i++) {
            long[] len = readVarint(file, pos + 1);
            pos += 1 + (int) len[1] + (int) len[0];
        }
        return pos;
    }

    /** Offset of the first body byte of layer {@code index} in a version-3 file. */
    static int bodyOffset(byte[] file, int index) {
        int rec = layerOffset(file, index);
        return rec + 1 + (int) readVarint(file, rec + 1)[1];
    }

    static int bodyLength(byte[] file, int index) {
        return (int) readVarint(file, layerOffset(file, index) + 1)[0];
    }

    static byte[] body(byte[] file, int index) {
        int at = bodyOffset(file, index);
        return Arrays.copyOfRange(file, at, at + bodyLength(file, index));
    }

    /** The file with layer {@code index}'s body replaced (and its body length re-encoded), CRC repaired. */
    static byte[] withBody(byte[] file, int index, byte[] body) {
        int rec = layerOffset(file, index), end = bodyOffset(file, index) + bodyLength(file, index);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(file, 0, rec + 1);
        out.writeBytes(varint(body.length));
        out.writeBytes(body);
        out.write(file, end, file.length - end);
        return withCrc(out.toByteArray());
    }

    /** The file with {@code remove} bytes at {@code at} replaced by {@code insert}, CRC repaired. */
    static byte[] splice(byte[] file, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(file, 0, at);
        out.writeBytes(insert);
        out.write(file, at + remove, file.length - at - remove);
        return withCrc(out.toByteArray());
    }

    /** Concatenation of byte arrays (to build bodies). */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Offset of the first byte of layer {@code index}'s record in a version-2 file (24-byte header, u32 lengths). */
    static int v2LayerOffset(byte[] file, int index) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 24;
        for (int i = 0; i < index; i++) {
            pos += 5 + b.getInt(pos + 1);
        }
        return pos;
    }
}
