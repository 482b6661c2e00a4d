package io.dot4j.runtime.frontend;

import io.dot4j.runtime.format.ModelFormatException;
import java.io.ByteArrayOutputStream;

/**
 * The bytes of a {@link LogMelParameters}, the body of the future front-end layer record of a {@code .dot4j} file.
 * Fields in this order, varints as in docs/MODEL_FORMAT.md (unsigned LEB128, shortest form, at most 5 bytes):
 * <pre>
 *   varint sampleRate | varint frames | varint frameLength | varint hop | u8 log2(fftSize) | varint bands
 *   | varint fMin | varint fMax | varint logScale | varint logOffset | u8 logMode
 * </pre>
 * 12 bytes at the smallest, 25 at the largest; the 8 kHz speech front end ({@link LogMelParameters#speech8k}) takes 17. Decoding applies every bound of
 * {@link LogMelParameters} and the body length must be exact; errors name the offset and the field.
 */
public final class LogMelEncoding {

    private LogMelEncoding() {
    }

    /** The canonical bytes of {@code p}. */
    public static byte[] encode(LogMelParameters p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, p.sampleRate());
        varint(out, p.frames());
        varint(out, p.frameLength());
        varint(out, p.hop());
        out.write(Integer.numberOfTrailingZeros(p.fftSize()));
        varint(out, p.bands());
        varint(out, p.fMin());
        varint(out, p.fMax());
        varint(out, p.logScale());
        varint(out, p.logOffset());
        out.write(p.logMode());
        return out.toByteArray();
    }

    /**
     * Decodes the {@code length} bytes at {@code offset} of {@code b}; {@code source} names the file and the offsets
     * in messages are positions in {@code b}.
     */
    public static LogMelParameters decode(byte[] b, int offset, int length, String source) throws ModelFormatException {
        Cursor c = new Cursor(b, offset, offset + length, source);
        int rate = c.varint("sampleRate", 1_000, 48_000);
        int frames = c.varint("frames", 1, 1_024);
        int frameLength = c.varint("frameLength", 2, FixedPointFft.MAX_SIZE);
        int hop = c.varint("hop", 1, 65_535);
        int fftBits = c.u8("log2(fftSize)", 4, Integer.numberOfTrailingZeros(FixedPointFft.MAX_SIZE));
        int fftSize = 1 << fftBits;
        if (frameLength > fftSize) {
            throw new ModelFormatException(source, c.last, "'log2(fftSize)' = " + fftBits + ": an FFT of " + fftSize
                    + " points is shorter than the frameLength " + frameLength);
        }
        int bands = c.varint("bands", 1, Math.min(128, fftSize / 2));
        int fMin = c.varint("fMin", 0, rate / 2 - 1);
        int fMax = c.varint("fMax", fMin + 1, rate / 2);
        int logScale = c.varint("logScale", 1, 4_096);
        int logOffset = c.varint("logOffset", 0, 32_767);
        int logMode = c.u8("logMode", LogMelParameters.FIXED, LogMelParameters.PEAK);
        if (c.pos != c.end) {
            throw new ModelFormatException(source, c.pos, "front-end body has " + (c.end - c.pos)
                    + " bytes after its last field 'logMode'");
        }
        if ((long) (frames - 1) * hop + frameLength > LogMelParameters.MAX_WINDOW_SAMPLES) {
            throw new ModelFormatException(source, offset, "a window of " + frames + " frames with hop " + hop
                    + " is longer than " + LogMelParameters.MAX_WINDOW_SAMPLES + " samples");
        }
        return new LogMelParameters(rate, frames, frameLength, hop, fftSize, bands, fMin, fMax, logScale, logOffset,
                logMode);
    }

    private static void varint(ByteArrayOutputStream out, int v) {
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    /** Reads fields in order, remembering the offset of the last one for messages. */
    private static final class Cursor {
        final byte[] b;
        final int end;
        final String source;
        int pos;
        int last;

        Cursor(byte[] b, int pos, int end, String source) throws ModelFormatException {
            if (pos < 0 || end > b.length || pos > end) {
                throw new ModelFormatException(source, pos, "front-end body of " + (end - pos) + " bytes at offset "
                        + pos + " is outside the " + b.length + " bytes read");
            }
            this.b = b;
            this.pos = pos;
            this.end = end;
            this.source = source;
        }

        int u8(String field, int lo, int hi) throws ModelFormatException {
            last = pos;
            if (pos >= end) {
                throw new ModelFormatException(source, pos, "'" + field + "' is missing: the front-end body ends");
            }
            int v = b[pos++] & 0xFF;
            return checked(field, v, lo, hi);
        }

        int varint(String field, int lo, int hi) throws ModelFormatException {
            last = pos;
            long v = 0;
            for (int i = 0; ; i++) {
                if (pos >= end) {
                    throw new ModelFormatException(source, last, "'" + field + "' is cut off: the front-end body ends");
                }
                if (i == 5) {
                    throw new ModelFormatException(source, last, "'" + field + "' is a varint longer than 5 bytes");
                }
                int x = b[pos++] & 0xFF;
                v |= (long) (x & 0x7F) << (7 * i);
                if ((x & 0x80) == 0) {
                    if (x == 0 && i > 0) {
                        throw new ModelFormatException(source, last, "'" + field + "' is not in its shortest form");
                    }
                    break;
                }
            }
            if (v > Integer.MAX_VALUE) {
                throw new ModelFormatException(source, last, "'" + field + "' = " + v + ", expected " + lo + ".." + hi);
            }
            return checked(field, (int) v, lo, hi);
        }

        private int checked(String field, int v, int lo, int hi) throws ModelFormatException {
            if (v < lo || v > hi) {
                throw new ModelFormatException(source, last, "'" + field + "' = " + v + ", expected " + lo + ".." + hi);
            }
            return v;
        }
    }
}
