package io.dot4j.runtime.format;

import io.dot4j.runtime.ir.IntModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import io.dot4j.runtime.io.InputFiles;

/**
 * Reads and validates a {@code .dot4j} file of format version 4, 3 or 2 (layout in docs/MODEL_FORMAT.md).
 *
 * <p>Every count, shape and length is checked against its bounds and against the bytes that remain
 * <em>before</em> anything is allocated, so a corrupt or hostile file cannot cause an out-of-memory error or a
 * long loop. Anything wrong is reported as a {@link ModelFormatException} naming the byte offset and the field;
 * no other exception escapes.
 */
public final class ModelReader {
    private ModelReader() {
    }

    /** True if the file starts with the .dot4j magic bytes (a quick check of what a command was given). */
    public static boolean hasMagic(Path path) throws IOException {
        InputFiles.requireRegular(path);
        try (var in = java.nio.file.Files.newInputStream(path)) {
            return java.util.Arrays.equals(in.readNBytes(FormatSpec.MAGIC.length), FormatSpec.MAGIC);
        }
    }

    /**
     * The format version of a {@code .dot4j} file (2, 3 or 4, the versions this reader knows), read from its header
     * without reading the model; {@code inspect} uses it to account for the file's bytes in its own layout.
     */
    public static int formatVersion(Path path) throws IOException {
        byte[] head;
        InputFiles.requireRegular(path);
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(FormatSpec.PREFIX_BYTES);
        }
        String source = String.valueOf(path.getFileName());
        if (head.length < FormatSpec.PREFIX_BYTES || !java.util.Arrays.equals(head, 0, FormatSpec.MAGIC.length,
                FormatSpec.MAGIC, 0, FormatSpec.MAGIC.length)) {
            throw new ModelFormatException(source, 0, "no .dot4j magic and version: not a .dot4j model");
        }
        int version = (head[8] & 0xFF) | (head[9] & 0xFF) << 8;
        if (!known(version)) {
            throw new ModelFormatException(source, 8, "'version' = " + version + ", this reader knows versions "
                    + FormatSpec.VERSION_2 + ", " + FormatSpec.VERSION_3 + " and " + FormatSpec.VERSION);
        }
        return version;
    }

    /** Reads a model file. */
    public static IntModel read(Path path) throws IOException {
        String source = String.valueOf(path.getFileName());
        InputFiles.requireRegular(path);
        long size = Files.size(path);
        if (size > FormatSpec.MAX_FILE_BYTES) {
            throw new ModelFormatException(source, FormatSpec.MAX_FILE_BYTES, "file is " + size
                    + " bytes, longer than the " + FormatSpec.MAX_FILE_BYTES + " bytes a .dot4j model may have");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            // read at most one byte past the limit, whatever the file claims to be
            bytes = in.readNBytes((int) FormatSpec.MAX_FILE_BYTES + 1);
        }
        if (bytes.length > FormatSpec.MAX_FILE_BYTES) {
            throw new ModelFormatException(source, FormatSpec.MAX_FILE_BYTES,
                    "file is longer than the " + FormatSpec.MAX_FILE_BYTES + " bytes a .dot4j model may have");
        }
        return read(bytes, source);
    }

    /** Reads a model from the bytes of a {@code .dot4j} file. */
    public static IntModel read(byte[] bytes) throws ModelFormatException {
        return read(bytes, "<bytes>");
    }

    /** Reads a model from the bytes of a {@code .dot4j} file; {@code source} names it in error messages. */
    public static IntModel read(byte[] bytes, String source) throws ModelFormatException {
        return read(bytes, source, FormatSpec.MAX_UNPACKED_WEIGHT_BYTES);
    }

    /** As {@link #read(byte[], String)} with another memory budget for unpacked weights (tests use a small one). */
    static IntModel read(byte[] bytes, String source, long unpackedWeightBudget) throws ModelFormatException {
        if (bytes == null) {
            throw new ModelFormatException(source, 0, "no bytes");
        }
        ModelParser p = new ModelParser(bytes, source, unpackedWeightBudget);
        try {
            return p.model();
        } catch (ModelFormatException e) {
            throw p.withCrcHint(e);
        } catch (RuntimeException | StackOverflowError e) {
            // a check we forgot must still surface as a format error, never as a crash
            throw new ModelFormatException(source, p.pos, "unreadable model (" + e + ")", e);
        }
    }

    static boolean known(int version) {
        return version == FormatSpec.VERSION || version == FormatSpec.VERSION_3 || version == FormatSpec.VERSION_2;
    }
}
