package io.dot4j.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a train or test split from a folder holding the four standard MNIST-style IDX file names
 * ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
 * {@code t10k-labels-idx1-ubyte}), each raw or with a {@code .gz} suffix (the raw file wins when both exist; the
 * content, not the suffix, decides whether it is decompressed).
 */
public final class IdxDatasets {

    /** The two splits and their file name prefixes. */
    public static final List<String> SPLITS = List.of("train", "test");

    private IdxDatasets() {
    }

    /** Loads split "train" or "test" with 10 classes; the data set is named {@code <folder>/<split>}. */
    public static Dataset load(Path dir, String split) throws IOException {
        return load(dir, split, 10);
    }

    /** Loads split "train" or "test" with the given number of classes. */
    public static Dataset load(Path dir, String split, int numClasses) throws IOException {
        Path images = find(dir, imagesFileName(split));
        Path labels = find(dir, labelsFileName(split));
        Path folder = dir.toAbsolutePath().normalize().getFileName();
        return IdxReader.read(images, labels, (folder == null ? "data" : folder.toString()) + "/" + split, numClasses);
    }

    /** The standard (uncompressed) images file name of a split. */
    public static String imagesFileName(String split) {
        return prefix(split) + "-images-idx3-ubyte";
    }

    /** The standard (uncompressed) labels file name of a split. */
    public static String labelsFileName(String split) {
        return prefix(split) + "-labels-idx1-ubyte";
    }

    /** The four standard file names, train then test, images before labels. */
    public static List<String> standardFileNames() {
        return List.of(imagesFileName("train"), labelsFileName("train"), imagesFileName("test"),
                labelsFileName("test"));
    }

    /** The file {@code dir/name} or else {@code dir/name.gz}; fails naming both when neither exists. */
    public static Path find(Path dir, String name) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a folder (expected a folder of IDX files)");
        }
        Path raw = dir.resolve(name);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new NoSuchFileException(raw.toString(), null, "missing (neither " + name + " nor " + name
                + ".gz is in " + dir + ")");
    }

    private static String prefix(String split) {
        return switch (split) {
            case "train" -> "train";
            case "test" -> "t10k";
            default -> throw new IllegalArgumentException("split must be \"train\" or \"test\", got \"" + split + "\"");
        };
    }
}
