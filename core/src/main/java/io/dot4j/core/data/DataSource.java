package io.dot4j.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A data set named by the user: the one resolver behind every {@code --data} option, {@code dot4j data info} and a
 * recipe's {@code "dataset"}. A reference is, in this order:
 * <ol>
 *   <li>a name in {@link NamedDatasets} ({@code mnist}, {@code fashion-mnist}), read from the data cache (write
 *       {@code ./mnist} for a local folder of that name);</li>
 *   <li>a folder holding the four standard IDX files ({@link Kind#IDX_FOLDER});</li>
 *   <li>a folder holding {@code train.csv} and {@code test.csv} ({@link Kind#CSV_FILES});</li>
 *   <li>a folder holding the sub-folders {@code train/} and {@code test/}, each with one sub-folder per class
 *       ({@link Kind#IMAGE_FOLDERS});</li>
 *   <li>any other folder of class sub-folders ({@link Kind#IMAGE_FOLDER}), or a {@code .csv} file
 *       ({@link Kind#CSV_FILE}): one set without a test split. Training splits it with {@link SeededSplit};
 *       {@link #evaluationSet()} (for {@code eval} and {@code verify}) is the whole set.</li>
 * </ol>
 * Relative paths resolve against a base folder (a recipe's folder, or the working directory).
 *
 * <p>The shape comes from the data: IDX and CSV files state it (CSV: a square grey image, see {@link CsvReader});
 * an image folder takes the height and width of its first image (by class, then file name; others are resized to it
 * by area averaging) and 1 channel when every image is stored grey, else 3. The number of classes is the number of
 * class folders, or for IDX and CSV the largest label + 1 (labels 0..{@value #MAX_INFERRED_CLASSES}-1, none below
 * the largest unused). With
 * {@link #expecting} a caller that already knows them (a model being evaluated, a recipe stating its input) fixes
 * them: image folders are converted to that shape, other data must match it, and a mismatch is one line naming the
 * file. Loading reads and validates everything before returning: nothing partial is ever used.
 */
public final class DataSource {

    /** Largest number of classes inferred from IDX or CSV labels (the labels must be below it). */
    public static final int MAX_INFERRED_CLASSES = 256;

    /** What a reference points at. */
    public enum Kind {
        NAMED("a named data set from the cache"),
        IDX_FOLDER("a folder of IDX files"),
        CSV_FILES("a folder holding train.csv and test.csv"),
        IMAGE_FOLDERS("a folder of images with train/ and test/ sub-folders, one sub-folder per class in each"),
        IMAGE_FOLDER("a folder of images, one sub-folder per class"),
        CSV_FILE("a CSV file");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** For messages: "a folder of IDX files". */
        public String description() {
            return description;
        }
    }

    private final String ref;
    private final Kind kind;
    private final Path path;
    private final int classes;
    private final int[] shape; // C, H, W or null: from the data

    private DataSource(String ref, Kind kind, Path path, int classes, int[] shape) {
        this.ref = ref;
        this.kind = kind;
        this.path = path;
        this.classes = classes;
        this.shape = shape;
    }

    /**
     * Resolves a reference.
     *
     * @param ref       a name from {@link NamedDatasets} or a path
     * @param baseDir   folder a relative path resolves against (null: the working directory)
     * @param cacheRoot the data cache holding the named sets ({@link DataCache#root()})
     * @throws NoSuchFileException when the reference is neither a name nor an existing path
     */
    public static DataSource resolve(String ref, Path baseDir, Path cacheRoot) throws IOException {
        if (ref == null || ref.isBlank()) {
            throw new IllegalArgumentException("data set: expected a name (" + NamedDatasets.names() + ") or a path, got"
                    + " nothing");
        }
        if (NamedDatasets.find(ref).isPresent()) {
            return new DataSource(ref, Kind.NAMED, cacheRoot.resolve(ref), 0, null);
        }
        Path given = Path.of(ref);
        Path path = (given.isAbsolute() || baseDir == null ? given : baseDir.resolve(given)).toAbsolutePath().normalize();
        if (Files.isRegularFile(path)) {
            if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                throw new DataFormatException(path, "", "is a file but not a .csv file; expected a named data set ("
                        + NamedDatasets.names() + "), a folder (IDX files, train.csv and test.csv, or images in class"
                        + " sub-folders) or a CSV file");
            }
            return new DataSource(ref, Kind.CSV_FILE, path, 0, null);
        }
        if (!Files.isDirectory(path)) {
            throw new NoSuchFileException(path.toString(), null, "unknown data set '" + ref + "': not a named set ("
                    + NamedDatasets.names() + ") and no such file or folder");
        }
        return new DataSource(ref, folderKind(path), path, 0, null);
    }

    private static Kind folderKind(Path dir) throws IOException {
        if (Files.exists(dir.resolve(IdxDatasets.imagesFileName("train")))
                || Files.exists(dir.resolve(IdxDatasets.imagesFileName("train") + ".gz"))
                || Files.exists(dir.resolve(IdxDatasets.imagesFileName("test")))
                || Files.exists(dir.resolve(IdxDatasets.imagesFileName("test") + ".gz"))) {
            return Kind.IDX_FOLDER;
        }
        if (Files.isRegularFile(dir.resolve("train.csv")) || Files.isRegularFile(dir.resolve("test.csv"))) {
            return Kind.CSV_FILES;
        }
        if (Files.isDirectory(dir.resolve("train")) && Files.isDirectory(dir.resolve("test"))) {
            return Kind.IMAGE_FOLDERS;
        }
        return Kind.IMAGE_FOLDER;
    }

    /**
     * The same reference with the number of classes and the image shape fixed by the caller (0 or a null shape: from
     * the data).
     */
    public DataSource expecting(int numClasses, int[] chw) {
        if (numClasses < 0) {
            throw new IllegalArgumentException("expected a number of classes >= 0 (0: from the data), got " + numClasses);
        }
        if (chw != null && (chw.length != 3 || chw[0] < 1 || chw[1] < 1 || chw[2] < 1)) {
            throw new IllegalArgumentException("expected a shape [C, H, W] of positive sizes, got "
                    + java.util.Arrays.toString(chw));
        }
        return new DataSource(ref, kind, path, numClasses, chw == null ? null : chw.clone());
    }

    /** The reference as the user gave it. */
    public String ref() {
        return ref;
    }

    /** The name of a named set, else the absolute path: what to store so that another folder resolves it again. */
    public String canonical() {
        return kind == Kind.NAMED ? ref : path.toString();
    }

    public Kind kind() {
        return kind;
    }

    /** The folder or file read (for a named set, its cache folder). */
    public Path path() {
        return path;
    }

    /** Whether the data has a test split of its own (else training uses {@link SeededSplit}). */
    public boolean hasTestSplit() {
        return kind != Kind.IMAGE_FOLDER && kind != Kind.CSV_FILE;
    }

    /** The training and test splits: the data's own, or the seeded split of a single set. */
    public SeededSplit.Splits splits() throws IOException {
        return switch (kind) {
            case NAMED -> new SeededSplit.Splits(named("train"), named("test"));
            case IDX_FOLDER -> {
                Dataset train = IdxDatasets.load(path, "train", labelLimit());
                Dataset test = IdxDatasets.load(path, "test", labelLimit());
                List<String> names = classNames(inferredClasses(List.of(train, test), List.of(idxLabels("train"),
                        idxLabels("test")), true));
                yield new SeededSplit.Splits(checkShape(train.withClasses(ref + "/train", names), path),
                        checkShape(test.withClasses(ref + "/test", names), path));
            }
            case CSV_FILES -> {
                Dataset train = csv(path.resolve("train.csv"));
                Dataset test = csv(path.resolve("test.csv"));
                if (train.channels() != test.channels() || train.height() != test.height() || train.width() != test.width()) {
                    throw new DataFormatException(path.resolve("test.csv"), "", "holds " + shapeOf(test) + " images but"
                            + " train.csv holds " + shapeOf(train));
                }
                List<String> names = classNames(inferredClasses(List.of(train, test),
                        List.of(path.resolve("train.csv"), path.resolve("test.csv")), false));
                yield new SeededSplit.Splits(train.withClasses(ref + "/train", names), test.withClasses(ref + "/test", names));
            }
            case IMAGE_FOLDERS -> imageFolders();
            case IMAGE_FOLDER, CSV_FILE -> SeededSplit.of(whole(), path);
        };
    }

    /** The set {@code eval} and {@code verify} measure: the test split, or the whole of a single set. */
    public Dataset evaluationSet() throws IOException {
        return switch (kind) {
            case NAMED -> named("test");
            case IDX_FOLDER -> {
                Dataset test = IdxDatasets.load(path, "test", labelLimit());
                List<String> names = classNames(inferredClasses(List.of(test), List.of(idxLabels("test")), true));
                yield checkShape(test.withClasses(ref + "/test", names), path);
            }
            case CSV_FILES -> {
                Dataset test = csv(path.resolve("test.csv"));
                yield test.withClasses(ref + "/test", classNames(inferredClasses(List.of(test),
                        List.of(path.resolve("test.csv")), false)));
            }
            case IMAGE_FOLDERS -> {
                ImageFolderReader.Listing test = ImageFolderReader.list(path.resolve("test"));
                yield images(test, List.of(test)).withClasses(ref + "/test", test.classNames());
            }
            case IMAGE_FOLDER, CSV_FILE -> whole();
        };
    }

    /** A single set (an image folder or a CSV file), whole. */
    private Dataset whole() throws IOException {
        if (kind == Kind.IMAGE_FOLDER) {
            ImageFolderReader.Listing all = ImageFolderReader.list(path);
            return images(all, List.of(all)).withClasses(ref, all.classNames());
        }
        Dataset d = csv(path);
        return d.withClasses(ref, classNames(inferredClasses(List.of(d), List.of(path), false)));
    }

    private SeededSplit.Splits imageFolders() throws IOException {
        ImageFolderReader.Listing train = ImageFolderReader.list(path.resolve("train"));
        ImageFolderReader.Listing test = ImageFolderReader.list(path.resolve("test"));
        if (!train.classNames().equals(test.classNames())) {
            throw new DataFormatException(path.resolve("test"), "", "has the class folders " + test.classNames()
                    + " but train/ has " + train.classNames() + "; both need the same class sub-folders");
        }
        List<ImageFolderReader.Listing> both = List.of(train, test);
        return new SeededSplit.Splits(images(train, both).withClasses(ref + "/train", train.classNames()),
                images(test, both).withClasses(ref + "/test", train.classNames()));
    }

    /** Decodes a listing at the expected shape, or the shape the listings' headers give. */
    private Dataset images(ImageFolderReader.Listing listing, List<ImageFolderReader.Listing> shapeFrom) throws IOException {
        if (classes > 0 && listing.classNames().size() != classes) {
            throw new DataFormatException(listing.dir(), "", "has " + listing.classNames().size() + " class sub-folders "
                    + listing.classNames() + ", expected " + classes + " (the classes of the model)");
        }
        int[] chw = shape != null ? shape : imageShape(shapeFrom);
        return new ImageFolderReader(chw[0], chw[1], chw[2]).read(listing);
    }

    /** Height and width of the first image; 1 channel when every image is stored grey, else 3. */
    private static int[] imageShape(List<ImageFolderReader.Listing> listings) throws IOException {
        ImageFiles.Header first = ImageFiles.header(listings.getFirst().files().getFirst());
        boolean grey = true;
        for (ImageFolderReader.Listing l : listings) {
            for (Path f : l.files()) {
                if (!grey) {
                    break;
                }
                grey = ImageFiles.header(f).grey();
            }
        }
        return new int[] {grey ? 1 : 3, first.height(), first.width()};
    }

    private Dataset named(String split) throws IOException {
        NamedDatasets.NamedDataset set = NamedDatasets.find(ref).orElseThrow();
        Dataset d = DataCache.load(path.getParent(), ref, split);
        if (classes > 0 && classes != set.classNames().size()) {
            throw new DataFormatException(path, "", ref + " has " + set.classNames().size() + " classes, expected "
                    + classes + " (the classes of the model)");
        }
        return checkShape(d, path);
    }

    private Dataset csv(Path file) throws IOException {
        CsvReader reader = new CsvReader().numClasses(labelLimit());
        if (shape != null) {
            reader = reader.shape(shape[0], shape[1], shape[2]);
        }
        return reader.read(file);
    }

    private int labelLimit() {
        return classes > 0 ? classes : MAX_INFERRED_CLASSES;
    }

    private List<String> classNames(int inferred) {
        return Dataset.defaultClassNames(classes > 0 ? classes : inferred);
    }

    private Dataset checkShape(Dataset d, Path where) {
        if (shape != null && (d.channels() != shape[0] || d.height() != shape[1] || d.width() != shape[2])) {
            throw new DataFormatException(where, "", "holds " + shapeOf(d) + " images, expected " + shape[0] + "x"
                    + shape[1] + "x" + shape[2] + " (CxHxW); only image folders are resized");
        }
        return d;
    }

    private Path idxLabels(String split) throws IOException {
        return IdxDatasets.find(path, IdxDatasets.labelsFileName(split));
    }

    /**
     * The number of classes: as expected, else the largest label + 1 over all parts, which must leave no label
     * below it unused (a gap means a damaged label or labels that do not count from 0). For IDX files the error
     * gives the byte offset of the largest label.
     */
    private int inferredClasses(List<Dataset> parts, List<Path> files, boolean idx) {
        if (classes > 0) {
            return classes;
        }
        int max = 0;
        int at = 0;
        for (int p = 0; p < parts.size(); p++) {
            int m = maxLabel(parts.get(p));
            if (m > max) {
                max = m;
                at = p;
            }
        }
        boolean[] used = new boolean[max + 1];
        for (Dataset d : parts) {
            for (int l : d.labels()) {
                used[l] = true;
            }
        }
        for (int c = 0; c < max; c++) {
            if (!used[c]) {
                int[] labels = parts.get(at).labels();
                int first = 0;
                while (labels[first] != max) {
                    first++;
                }
                throw new DataFormatException(files.get(at), idx ? "byte offset " + (8 + first) : "", "label " + max
                        + " implies " + (max + 1) + " classes, but no image has label " + c + " (labels count from 0"
                        + " without gaps; give the number of classes, e.g. --classes, if some have no images)");
            }
        }
        return max + 1;
    }

    private static int maxLabel(Dataset d) {
        int max = 0;
        for (int l : d.labels()) {
            max = Math.max(max, l);
        }
        return max;
    }

    static String shapeOf(Dataset d) {
        return d.channels() + "x" + d.height() + "x" + d.width();
    }

    /** One line: "mnist: a named data set from the cache (/home/u/.cache/dot4j/mnist)". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(kind.description() + " (" + path + ")");
        if (!hasTestSplit()) {
            parts.add("no test split: training holds out " + SeededSplit.TEST_PERCENT + " % of each class (seed "
                    + SeededSplit.SEED + "), eval and verify use all of it");
        }
        return ref + ": " + String.join("; ", parts);
    }

    @Override
    public String toString() {
        return describe();
    }
}
