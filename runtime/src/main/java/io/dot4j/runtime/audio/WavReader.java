package io.dot4j.runtime.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads RIFF/WAVE files holding uncompressed PCM, mono, 8-bit unsigned or 16-bit signed little-endian samples.
 *
 * <p>Every length in the file is checked against the bytes that are really there before anything is allocated: the
 * RIFF size against the file, each chunk's size against the RIFF body, the sample count against a limit. Anything
 * else (stereo, 24-bit, float, compressed, a second {@code fmt }, data before {@code fmt }) is rejected with a
 * {@link WavFormatException} naming the file, the offset and the field. 8-bit samples s (0..255, 128 = silence) become
 * {@code (s - 128) << 8}, so both widths reach the front end on one scale.
 */
public final class WavReader {

    /** Highest sample rate accepted (Hz). */
    public static final int MAX_SAMPLE_RATE = 384_000;
    /** Default limit on the samples of one file: ten minutes at 48 kHz. */
    public static final int DEFAULT_MAX_SAMPLES = 48_000 * 600;

    private static final int HEADER = 12;
    private static final int CHUNK_HEADER = 8;

    private WavReader() {
    }

    /** Reads a file with the default sample limit. */
    public static PcmAudio read(Path file) throws IOException {
        return read(file, DEFAULT_MAX_SAMPLES);
    }

    /** Reads a file holding at most {@code maxSamples} samples; a larger file is rejected before it is read. */
    public static PcmAudio read(Path file, int maxSamples) throws IOException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        long size = Files.size(file);
        long limit = HEADER + 4096L + 2L * maxSamples;
        if (size > limit) {
            throw new WavFormatException(name, 0, "file is " + size + " bytes, more than the " + limit
                    + " a WAV of at most " + maxSamples + " 16-bit samples may need");
        }
        return parse(Files.readAllBytes(file), name, maxSamples);
    }

    /** Parses the bytes of a WAV file; {@code name} is for messages. */
    public static PcmAudio parse(byte[] b, String name, int maxSamples) throws WavFormatException {
        if (maxSamples < 1) {
            throw new IllegalArgumentException("maxSamples = " + maxSamples + ", expected >= 1");
        }
        if (b.length < HEADER) {
            throw new WavFormatException(name, 0, "file is " + b.length + " bytes, a WAV header needs " + HEADER);
        }
        expectTag(b, 0, "RIFF", name, "RIFF tag");
        long riffSize = u32(b, 4);
        if (riffSize < 4 || riffSize > b.length - 8L) {
            throw new WavFormatException(name, 4, "'RIFF size' = " + riffSize + ", expected 4.." + (b.length - 8L)
                    + " (the bytes after it in the file): truncated or corrupt");
        }
        expectTag(b, 8, "WAVE", name, "form type");
        int end = (int) (8 + riffSize);
        Format fmt = null;
        int pos = HEADER;
        while (pos + CHUNK_HEADER <= end) {
            String id = tag(b, pos);
            long chunkSize = u32(b, pos + 4);
            int body = pos + CHUNK_HEADER;
            if (chunkSize > end - body) {
                throw new WavFormatException(name, pos + 4, "chunk '" + printable(id) + "' size = " + chunkSize
                        + ", but only " + (end - body) + " bytes of the RIFF body follow: truncated or corrupt");
            }
            if (id.equals("fmt ")) {
                if (fmt != null) {
                    throw new WavFormatException(name, pos, "a second 'fmt ' chunk");
                }
                fmt = Format.parse(b, body, (int) chunkSize, name);
            } else if (id.equals("data")) {
                if (fmt == null) {
                    throw new WavFormatException(name, pos, "'data' chunk before the 'fmt ' chunk");
                }
                return samples(b, body, chunkSize, fmt, name, pos, maxSamples);
            }
            pos = body + (int) chunkSize + (int) (chunkSize & 1);
        }
        if (pos < end) {
            throw new WavFormatException(name, pos, (end - pos) + " stray bytes at the end of the RIFF body, expected a"
                    + " chunk header of 8");
        }
        throw new WavFormatException(name, pos, fmt == null ? "no 'fmt ' chunk" : "no 'data' chunk");
    }

    /** The PCM format fields of a {@code fmt } chunk. */
    private record Format(int sampleRate, int bitsPerSample) {

        static Format parse(byte[] b, int at, int size, String name) throws WavFormatException {
            if (size < 16) {
                throw new WavFormatException(name, at - 4, "'fmt ' size = " + size + ", expected at least 16");
            }
            int format = u16(b, at);
            if (format != 1) {
                throw new WavFormatException(name, at, "'audio format' = " + format + ", expected 1 (integer PCM)"
                        + (format == 3 ? "; this file holds float samples" : format == 0xFFFE
                        ? "; WAVE_FORMAT_EXTENSIBLE is not read, re-save as plain PCM" : ""));
            }
            int channels = u16(b, at + 2);
            if (channels != 1) {
                throw new WavFormatException(name, at + 2, "'channels' = " + channels + ", expected 1 (mono)");
            }
            long rate = u32(b, at + 4);
            if (rate < 1 || rate > MAX_SAMPLE_RATE) {
                throw new WavFormatException(name, at + 4, "'sample rate' = " + rate + ", expected 1.." + MAX_SAMPLE_RATE);
            }
            int bits = u16(b, at + 14);
            if (bits != 8 && bits != 16) {
                throw new WavFormatException(name, at + 14, "'bits per sample' = " + bits + ", expected 8 or 16");
            }
            int align = u16(b, at + 12);
            if (align != bits / 8) {
                throw new WavFormatException(name, at + 12, "'block align' = " + align + ", expected " + bits / 8
                        + " for mono " + bits + "-bit");
            }
            long byteRate = u32(b, at + 8);
            if (byteRate != rate * align) {
                throw new WavFormatException(name, at + 8, "'byte rate' = " + byteRate + ", expected " + rate * align
                        + " (sample rate x block align)");
            }
            return new Format((int) rate, bits);
        }
    }

    private static PcmAudio samples(byte[] b, int at, long size, Format fmt, String name, int header, int maxSamples)
            throws WavFormatException {
        int width = fmt.bitsPerSample() / 8;
        if (size % width != 0) {
            throw new WavFormatException(name, header + 4, "'data' size = " + size + ", not a multiple of the "
                    + width + "-byte sample");
        }
        long count = size / width;
        if (count > maxSamples) {
            throw new WavFormatException(name, header + 4, "'data' holds " + count + " samples, more than the limit of "
                    + maxSamples);
        }
        short[] s = new short[(int) count];
        if (width == 1) {
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) (((b[at + i] & 0xFF) - 128) << 8);
            }
        } else {
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) ((b[at + 2 * i] & 0xFF) | (b[at + 2 * i + 1] << 8));
            }
        }
        return new PcmAudio(fmt.sampleRate(), s);
    }

    private static void expectTag(byte[] b, int at, String want, String name, String field) throws WavFormatException {
        String got = tag(b, at);
        if (!got.equals(want)) {
            throw new WavFormatException(name, at, field + " = '" + printable(got) + "', expected '" + want + "'");
        }
    }

    private static String tag(byte[] b, int at) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) (b[at + i] & 0xFF);
        }
        return new String(c);
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02X", (int) c));
        }
        return out.toString();
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
