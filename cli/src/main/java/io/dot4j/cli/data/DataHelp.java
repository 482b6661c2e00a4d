package io.dot4j.cli.data;

/** The one description of a data-set reference, shown by every command's --help. */
public final class DataHelp {

    /** What DATA may be (the resolver is io.dot4j.core.data.DataSource; docs/DATA_FORMATS.md has the details). */
    public static final String REFERENCE = "mnist or fashion-mnist (from the cache; run `dot4j data fetch NAME`), or a"
            + " path: a folder of IDX files; a folder with train.csv and test.csv; a folder of images with train/ and"
            + " test/ sub-folders, each with one sub-folder per class; a folder of class sub-folders or a CSV file"
            + " (label, then pixels 0..255 per line), which training splits 80/20 by a fixed seed and eval and verify"
            + " use whole.";

    private DataHelp() {
    }
}
