package io.dot4j.core.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST format): a 4-byte big-endian magic {@code 00 00 08 n} (unsigned bytes, n dimensions),
 * n big-endian 32-bit sizes, then the data. Images are {@code 0x00000803} (count, rows, columns), labels
 * {@code 0x00000801} (count). Files may be raw or gzip-compressed; gzip is detected by its magic bytes
 * {@code 1f 8b}, never by the file name.
 *
 * <p>Every size is checked against the file length before anything is allocated, so a hostile header cannot cause an
 * out-of-memory error: for a raw file the data must exactly fill the rest of the file; for a gzip file the claimed
 * size must be reachable from the compressed length (deflate expands at most 1032:1), and the buffer grows only as
 * data actually arrives. Problems throw {@link DataFormatException} naming the file and byte offset (for gzip files,
 * the offset in the uncompressed stream). Nothing partial is ever returned.
 */
public final class IdxReader {

    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;
    /** Largest Java array we are willing to allocate. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** Deflate's maximum expansion ratio (plus slack for headers), bounds what a gzip file can decompress to. */
    private static final long MAX_DEFLATE_RATIO = 1032;
    private static final int GROW_STEP = 1 << 20;

    private IdxReader() {
    }

    /** Images of an IDX images file: {@code count} images of {@code height x width}, pixels row-major. */
    public record Images(int count, int height, int width, byte[] pixels) {
    }

    /** Reads an images file (magic 0x00000803). */
    public static Images readImages(Path file) throws IOException {
        Parsed p = parse(file, 3, "images");
        return new Images((int) p.dims[0], (int) p.dims[1], (int) p.dims[2], p.data);
    }

    /**
     * Reads a labels file (magic 0x00000801); every label must be below {@code numClasses}.
     */
    public static int[] readLabels(Path file, int numClasses) throws IOException {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
        }
        Parsed p = parse(file, 1, "labels");
        int[] labels = new int[p.data.length];
        for (int i = 0; i < labels.length; i++) {
            int label = p.data[i] & 0xFF;
            if (label >= numClasses) {
                throw new DataFormatException(file, "byte offset " + (p.headerLength + i),
                        "label " + label + " of item " + i + " is out of range, expected 0.." + (numClasses - 1));
            }
            labels[i] = label;
        }
        return labels;
    }

    /** Reads an images file and its labels file into one data set with 10 classes. */
    public static Dataset read(Path images, Path labels, String name) throws IOException {
        return read(images, labels, name, 10);
    }

    /**
     * Reads an images file and its labels file into one data set (1 channel); their counts must match.
     */
    public static Dataset read(Path images, Path labels, String name, int numClasses) throws IOException {
        Images im = readImages(images);
        int[] lab = readLabels(labels, numClasses);
        if (lab.length != im.count()) {
            throw new DataFormatException(labels, "byte offset 4", "has " + lab.length + " labels but " + images
                    + " has " + im.count() + " images; the counts must match");
        }
        return Dataset.wrap(name, im.pixels(), lab, 1, im.height(), im.width(), Dataset.defaultClassNames(numClasses));
    }

    /** True when the file starts with the gzip magic bytes 1f 8b. */
    public static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b;
        }
    }

    private record Parsed(long[] dims, int headerLength, byte[] data) {
    }

    private static Parsed parse(Path file, int expectedDims, String what) throws IOException {
        io.dot4j.runtime.io.InputFiles.requireRegular(file); // a folder, FIFO or device is refused before opening
        boolean gzip = isGzip(file);
        long fileLength = Files.size(file);
        String where = gzip ? "uncompressed byte offset " : "byte offset ";
        try (Counting in = new Counting(open(file, gzip))) {
            long offset = 0;
            try {
                byte[] magic = in.readNBytes(4);
                if (magic.length < 4) {
                    throw new DataFormatException(file, where + magic.length,
                            "truncated: the file ends inside the 4-byte magic number");
                }
                int magicValue = ((magic[0] & 0xFF) << 24) | ((magic[1] & 0xFF) << 16) | ((magic[2] & 0xFF) << 8)
                        | (magic[3] & 0xFF);
                int expectedMagic = 0x0800 | expectedDims;
                if (magic[0] != 0 || magic[1] != 0 || magic[2] != 0x08) {
                    throw new DataFormatException(file, where + 0, String.format(
                            "wrong magic number 0x%08x, expected 0x%08x (IDX unsigned-byte %s)",
                            magicValue, expectedMagic, what));
                }
                if ((magic[3] & 0xFF) != expectedDims) {
                    throw new DataFormatException(file, where + 3, String.format(
                            "wrong dimension count %d (magic 0x%08x), expected %d for IDX %s (magic 0x%08x)",
                            magic[3] & 0xFF, magicValue, expectedDims, what, expectedMagic));
                }
                offset = 4;
                long[] dims = new long[expectedDims];
                long product = 1;
                for (int d = 0; d < expectedDims; d++) {
                    byte[] b = in.readNBytes(4);
                    if (b.length < 4) {
                        throw new DataFormatException(file, where + (offset + b.length),
                                "truncated: the file ends inside dimension " + d + " of the header");
                    }
                    dims[d] = ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
                    if (dims[d] == 0) {
                        throw new DataFormatException(file, where + offset,
                                "dimension " + d + " is 0; an IDX " + what + " file must hold at least one item");
                    }
                    // each factor < 2^32 and product kept <= MAX_ARRAY, so this cannot overflow
                    product *= dims[d];
                    if (product > MAX_ARRAY) {
                        throw new DataFormatException(file, where + offset, "dimensions "
                                + shape(dims, d + 1) + " need more than " + MAX_ARRAY + " bytes, too large to load");
                    }
                    offset += 4;
                }
                int headerLength = (int) offset;
                if (!gzip) {
                    long available = fileLength - headerLength;
                    if (product > available) {
                        throw new DataFormatException(file, where + fileLength, "truncated: dimensions "
                                + shape(dims, expectedDims) + " need " + product + " data bytes after the "
                                + headerLength + "-byte header, but the file has only " + available);
                    }
                    if (product < available) {
                        throw new DataFormatException(file, where + (headerLength + product), (available - product)
                                + " unexpected bytes after the data of dimensions " + shape(dims, expectedDims));
                    }
                } else if (product > fileLength * MAX_DEFLATE_RATIO + 65536) {
                    throw new DataFormatException(file, where + 4, "dimensions " + shape(dims, expectedDims)
                            + " need " + product + " bytes, more than a " + fileLength
                            + "-byte gzip file can hold");
                }
                byte[] data = readExactly(in, (int) product, file, where, headerLength);
                if (gzip && in.read() >= 0) {
                    throw new DataFormatException(file, where + (headerLength + product),
                            "unexpected bytes after the data of dimensions " + shape(dims, expectedDims));
                }
                return new Parsed(dims, headerLength, data);
            } catch (ZipException | EOFException e) {
                throw new DataFormatException(file, where + in.count, "corrupt or truncated gzip stream ("
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
            }
        }
    }

    /** Counts the (uncompressed) bytes delivered, so a corrupt stream is reported where it broke. */
    private static final class Counting extends java.io.FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            count += Math.max(r, 0);
            return r;
        }
    }

    /** The file's (decompressed) content; a broken gzip header is a format error naming the file. */
    private static InputStream open(Path file, boolean gzip) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (!gzip) {
            return raw;
        }
        try {
            return new GZIPInputStream(raw, 1 << 16);
        } catch (ZipException | EOFException e) {
            raw.close();
            throw new DataFormatException(file, "byte offset 0", "corrupt gzip header: " + (e.getMessage() != null
                    ? e.getMessage() : "the file ends inside it"), e);
        }
    }

    /** Reads exactly n bytes, growing the buffer only as data arrives (a lying header cannot make us allocate). */
    private static byte[] readExactly(InputStream in, int n, Path file, String where, int headerLength)
            throws IOException {
        byte[] buf = new byte[Math.min(n, GROW_STEP)];
        int filled = 0;
        while (filled < n) {
            if (filled == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(n, Math.max((long) buf.length * 2, GROW_STEP)));
            }
            int r = in.read(buf, filled, buf.length - filled);
            if (r < 0) {
                throw new DataFormatException(file, where + (headerLength + filled), "truncated: the header promises "
                        + n + " data bytes but only " + filled + " follow it");
            }
            filled += r;
        }
        return buf;
    }

    private static String shape(long[] dims, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : "x").append(dims[i]);
        }
        return sb.toString();
    }
}
