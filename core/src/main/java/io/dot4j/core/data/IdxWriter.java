package io.dot4j.core.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a single-channel {@link Dataset} as an IDX images file and an IDX labels file (raw or gzip), the inverse of
 * {@link IdxReader}. Each file is written to a temporary name in the same folder and atomically renamed, so a
 * failure never leaves a half-written file behind.
 */
public final class IdxWriter {

    private IdxWriter() {
    }

    /** Writes the images of a 1-channel data set (magic 0x00000803). */
    public static void writeImages(Path file, Dataset data, boolean gzip) throws IOException {
        if (data.channels() != 1) {
            throw new IllegalArgumentException("IDX images hold 1 channel, the data set has " + data.channels());
        }
        if (data.count() == 0) {
            throw new IllegalArgumentException("IDX files need at least one image, the data set is empty");
        }
        byte[] pixels = data.copyPixels();
        write(file, gzip, IdxReader.IMAGES_MAGIC, new int[]{data.count(), data.height(), data.width()}, pixels);
    }

    /** Writes the labels of a data set (magic 0x00000801); every label must fit a byte (0..255). */
    public static void writeLabels(Path file, Dataset data, boolean gzip) throws IOException {
        if (data.count() == 0) {
            throw new IllegalArgumentException("IDX files need at least one label, the data set is empty");
        }
        int[] labels = data.labels();
        byte[] bytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] > 255) {
                throw new IllegalArgumentException("IDX labels are bytes (0..255), label of image " + i + " is "
                        + labels[i]);
            }
            bytes[i] = (byte) labels[i];
        }
        write(file, gzip, IdxReader.LABELS_MAGIC, new int[]{labels.length}, bytes);
    }

    private static void write(Path file, boolean gzip, int magic, int[] dims, byte[] data) throws IOException {
        Path tmp = TempSibling.create(file);
        try {
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
                 OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw) {
                writeInt(out, magic);
                for (int d : dims) {
                    writeInt(out, d);
                }
                out.write(data);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeInt(OutputStream out, int v) throws IOException {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
