package io.dot4j.runtime.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/** Helpers to craft files: patch little-endian fields and recompute the CRC so structural checks are reached. */
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

    /** Offset of the first byte of layer {@code index}'s record, found by walking the body lengths. */
    static int layerOffset(byte[] file, int index) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 24;
        for (int i = 0; i < index; i++) {
            pos += 5 + b.getInt(pos + 1);
        }
        return pos;
    }
}
