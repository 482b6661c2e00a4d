package io.dot4j.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one check every dot4j reader makes before it opens an input: the path names a regular file (or a link to one).
 * A directory, FIFO, socket or device is refused from its attributes alone, without opening it, so a FIFO cannot
 * hang a reader and {@code /dev/zero} cannot fill memory. Reads are bounded: a file that grows while being read
 * is cut at the bound plus one byte and refused.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * Refuses anything but an existing regular file.
     *
     * @throws NoSuchFileException  when nothing is there
     * @throws InputFileException   for a directory, FIFO, socket or device
     */
    public static void requireRegular(Path file) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(String.valueOf(file), null, "no such file");
        }
        if (a.isDirectory()) {
            throw new InputFileException(file, "is a directory, expected a file");
        }
        if (!a.isRegularFile()) {
            throw new InputFileException(file, "is not a regular file (a FIFO, socket or device); dot4j reads only regular files");
        }
    }

    /** The whole file, refused (before reading) when it is not regular or longer than {@code maxBytes}. */
    public static byte[] readAllBytes(Path file, long maxBytes) throws IOException {
        requireRegular(file);
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new InputFileException(file, "is " + size + " bytes, more than the " + maxBytes + " bytes expected of it");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (bytes.length > maxBytes) {
            throw new InputFileException(file, "grew past " + maxBytes + " bytes while being read");
        }
        return bytes;
    }
}
