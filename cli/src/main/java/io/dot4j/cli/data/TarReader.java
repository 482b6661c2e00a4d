package io.dot4j.cli.data;

import io.dot4j.core.data.DataFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A small streaming reader for (uncompressed) tar archives: ustar and old-style headers, POSIX pax {@code path}
 * records and GNU long names; enough for the archives {@code npm pack} writes. Header checksums are verified.
 * Entry contents are read through {@link #content()}; nothing is extracted to disk.
 */
final class TarReader {

    private static final int BLOCK = 512;
    private static final int MAX_META = 1 << 20;

    /** One archive member: its path inside the archive, its type flag and content size. */
    record Entry(String name, char type, long size) {

        boolean isFile() {
            return type == '0' || type == '\0' || type == '7';
        }
    }

    private final InputStream in;
    private final Path archive;
    private long offset;
    private long remaining;
    private long padding;

    TarReader(InputStream in, Path archive) {
        this.in = in;
        this.archive = archive;
    }

    /** The next member, or null at the end of the archive. */
    Entry next() throws IOException {
        skip(remaining + padding);
        remaining = 0;
        padding = 0;
        String longName = null;
        while (true) {
            long headerOffset = offset;
            byte[] h = new byte[BLOCK];
            int got = in.readNBytes(h, 0, BLOCK);
            offset += got;
            if (got == 0) {
                return null; // no end-of-archive blocks: tolerate, as tar does
            }
            if (got < BLOCK) {
                throw new DataFormatException(archive, "tar byte offset " + offset, "truncated tar header");
            }
            if (isZero(h)) {
                return null;
            }
            long stored = octal(h, 148, 8, headerOffset);
            long sum = 0;
            for (int i = 0; i < BLOCK; i++) {
                sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
            }
            if (sum != stored) {
                throw new DataFormatException(archive, "tar byte offset " + headerOffset,
                        "bad tar header checksum " + stored + ", computed " + sum);
            }
            String name = text(h, 0, 100);
            // POSIX ustar ("ustar\0") has a name prefix; old GNU tar ("ustar  ") keeps other fields there
            if (text(h, 257, 6).equals("ustar") && h[262] == 0) {
                String prefix = text(h, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
            }
            char type = (char) (h[156] & 0xFF);
            long size = octal(h, 124, 12, headerOffset);
            long pad = (BLOCK - size % BLOCK) % BLOCK;
            if (type == 'x' || type == 'L' || type == 'g') {
                if (size > MAX_META) {
                    throw new DataFormatException(archive, "tar byte offset " + headerOffset,
                            "tar metadata entry of " + size + " bytes is implausibly large");
                }
                byte[] meta = readFully((int) size);
                skip(pad);
                if (type == 'L') {
                    longName = new String(meta, StandardCharsets.UTF_8).replace("\0", "");
                } else if (type == 'x') {
                    String path = paxPath(meta);
                    if (path != null) {
                        longName = path;
                    }
                }
                continue;
            }
            remaining = size;
            padding = pad;
            return new Entry(longName != null ? longName : name, type, size);
        }
    }

    /** The content of the current entry; reading past its end returns -1. Do not close it. */
    InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining == 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw new EOFException(archive + ": truncated tar entry at byte offset " + offset);
                }
                remaining -= n;
                offset += n;
                return n;
            }
        };
    }

    private byte[] readFully(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        offset += b.length;
        if (b.length < n) {
            throw new DataFormatException(archive, "tar byte offset " + offset, "truncated tar entry");
        }
        return b;
    }

    private void skip(long n) throws IOException {
        long done = in.skip(n);
        while (done < n) {
            if (in.read() < 0) {
                throw new DataFormatException(archive, "tar byte offset " + (offset + done), "truncated tar entry");
            }
            done++;
            done += in.skip(n - done);
        }
        offset += n;
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] h, int from, int len) {
        int end = from;
        while (end < from + len && h[end] != 0) {
            end++;
        }
        return new String(h, from, end - from, StandardCharsets.UTF_8);
    }

    private long octal(byte[] h, int from, int len, long headerOffset) {
        if ((h[from] & 0x80) != 0) {
            throw new DataFormatException(archive, "tar byte offset " + (headerOffset + from),
                    "base-256 tar numbers (entries over 8 GB) are not supported");
        }
        long v = 0;
        boolean any = false;
        for (int i = from; i < from + len; i++) {
            int c = h[i] & 0xFF;
            if (c == 0 || c == ' ') {
                if (any) {
                    break;
                }
                continue;
            }
            if (c < '0' || c > '7') {
                throw new DataFormatException(archive, "tar byte offset " + (headerOffset + i),
                        "not an octal digit in a tar header number");
            }
            v = v * 8 + (c - '0');
            any = true;
        }
        return v;
    }

    /** The {@code path} value of pax records "LEN key=value\n", or null. */
    private static String paxPath(byte[] meta) {
        String s = new String(meta, StandardCharsets.UTF_8);
        String path = null;
        for (String record : s.split("\n")) {
            int space = record.indexOf(' ');
            int eq = record.indexOf('=');
            if (space > 0 && eq > space && record.substring(space + 1, eq).equals("path")) {
                path = record.substring(eq + 1);
            }
        }
        return path;
    }
}
