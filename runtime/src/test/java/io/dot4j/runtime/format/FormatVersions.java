package io.dot4j.runtime.format;

import io.dot4j.runtime.ir.IntModel;

/**
 * The bytes of a model in any format version the reader accepts (4 as the writer writes it, 3 and 2 as older
 * writers did), for tests outside this package (the conformance fixtures).
 */
public final class FormatVersions {
    /** Every version {@link ModelReader} reads, oldest first. */
    public static final int[] READABLE = {FormatSpec.VERSION_2, FormatSpec.VERSION_3, FormatSpec.VERSION};

    private FormatVersions() {
    }

    public static byte[] toBytes(IntModel model, int version) {
        return version == FormatSpec.VERSION_2 ? V2Files.toBytes(model) : ModelWriter.toBytes(model, version);
    }
}
