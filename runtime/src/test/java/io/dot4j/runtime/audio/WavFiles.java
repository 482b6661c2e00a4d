package io.dot4j.runtime.audio;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;

/** Builds WAV files byte by byte for the tests, with every header field under the test's control. */
final class WavFiles {

    private WavFiles() {
    }

    /** A plain PCM mono 16-bit file. */
    static byte[] pcm16(int rate, short[] samples) {
        byte[] data = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            data[2 * i] = (byte) samples[i];
            data[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return file(fmt(1, 1, rate, 16), data);
    }

    /** A plain PCM mono 8-bit file. */
    static byte[] pcm8(int rate, byte[] samples) {
        return file(fmt(1, 1, rate, 8), samples);
    }

    /** A 16-byte fmt body with consistent byte rate and block align. */
    static byte[] fmt(int format, int channels, int rate, int bits) {
        int align = channels * bits / 8;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        u16(o, format);
        u16(o, channels);
        u32(o, rate);
        u32(o, (long) rate * align);
        u16(o, align);
        u16(o, bits);
        return o.toByteArray();
    }

    /** RIFF/WAVE with a fmt chunk and a data chunk. */
    static byte[] file(byte[] fmt, byte[] data) {
        return riff(chunk("fmt ", fmt), chunk("data", data));
    }

    /** RIFF/WAVE around the given chunks, with the right RIFF size. */
    static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (byte[] c : chunks) {
            body.writeBytes(c);
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        u32(o, body.size());
        o.writeBytes(body.toByteArray());
        return o.toByteArray();
    }

    /** One chunk: id, size, body, and a pad byte when the size is odd. */
    static byte[] chunk(String id, byte[] body) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        u32(o, body.length);
        o.writeBytes(body);
        if ((body.length & 1) == 1) {
            o.write(0);
        }
        return o.toByteArray();
    }

    static void putU32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    static void putU16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    /** The shared FSDD recordings folder as the data cache holds it (dot4j data fetch fsdd). */
    static Path fsddRecordings() {
        String dir = System.getProperty("DOT4J_CACHE", System.getenv("DOT4J_CACHE"));
        Path root = dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".cache", "dot4j");
        return root.resolve("fsdd").resolve("recordings");
    }

    private static void u16(ByteArrayOutputStream o, int v) {
        o.write(v);
        o.write(v >>> 8);
    }

    private static void u32(ByteArrayOutputStream o, long v) {
        for (int i = 0; i < 4; i++) {
            o.write((int) (v >>> (8 * i)));
        }
    }
}
