package io.dot4j.core.data;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads a folder with one sub-folder per class, each holding PNG or JPEG images, into a {@link Dataset}.
 *
 * <p><b>Labels.</b> Class sub-folders are sorted by name ({@link String#compareTo}); the i-th is label i and its
 * name is the class name. Images are ordered class by class, and by file name within a class.
 *
 * <p><b>Files.</b> Names starting with a dot (hidden files and folders) are skipped everywhere. Anything else must
 * be a class folder at the top level and a {@code .png}, {@code .jpg} or {@code .jpeg} file (any case) inside a class
 * folder; any other entry is an error, so that a stray file is never silently dropped or mislabelled.
 *
 * <p><b>Colour.</b> With 1 target channel, each pixel becomes its luminance {@code 0.299 R + 0.587 G + 0.114 B}
 * (grey images use their grey value directly, scaled to 8 bits); with 3 channels, R, G, B (a grey image repeats its
 * grey value). Colour images are taken in sRGB as ImageIO decodes them; alpha is ignored (not composited).
 *
 * <p><b>Size.</b> Every image is resized to the target height x width by <em>area averaging</em>: each target pixel
 * is the mean of the source area it covers, partly covered source pixels weighted by the covered fraction (computed
 * exactly in integers). Shrinking therefore averages, enlarging replicates pixels, and an image already of the
 * target size is copied unchanged. Luminance and averaging are done in double precision and rounded once, half up.
 *
 * <p>Errors throw {@link DataFormatException} naming the file or folder: no class folders, an empty class folder,
 * a non-image file, and every check of {@link ImageFiles} (an empty file, a damaged or truncated image, a header
 * declaring more than {@value ImageFiles#MAX_PIXELS} pixels, refused before decoding).
 */
public final class ImageFolderReader {

    /** Largest source image (width x height) decoded, so a hostile header cannot exhaust memory. */
    public static final long MAX_SOURCE_PIXELS = ImageFiles.MAX_PIXELS;

    private final int channels;
    private final int height;
    private final int width;

    /**
     * @param channels 1 (grey, by luminance) or 3 (RGB)
     * @param height   target height in pixels
     * @param width    target width in pixels
     */
    public ImageFolderReader(int channels, int height, int width) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 (grey) or 3 (RGB), got " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("target size must be positive, got " + height + "x" + width);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** The files of an image folder, checked for structure but not yet decoded: class names, files, labels. */
    public record Listing(Path dir, List<String> classNames, List<Path> files, int[] labels) {
        public Listing {
            classNames = List.copyOf(classNames);
            files = List.copyOf(files);
            labels = labels.clone();
        }
    }

    /** Reads every image under {@code dir}; the data set is named after the folder. */
    public Dataset read(Path dir) throws IOException {
        return read(list(dir));
    }

    /** Decodes every listed image (nothing is returned unless every file decodes). */
    public Dataset read(Listing listing) throws IOException {
        List<Path> files = listing.files();
        long imageSize = (long) channels * height * width;
        if (files.size() * imageSize > IdxReader.MAX_ARRAY) {
            throw new DataFormatException(listing.dir(), "", files.size() + " images of " + channels + "x" + height + "x"
                    + width + " are too many to hold in one array");
        }
        byte[] pixels = new byte[(int) (files.size() * imageSize)];
        for (int i = 0; i < files.size(); i++) {
            BufferedImage image = ImageFiles.decode(files.get(i));
            convert(image, pixels, (int) (i * imageSize));
        }
        return Dataset.wrap(String.valueOf(listing.dir().toAbsolutePath().normalize().getFileName()), pixels,
                listing.labels(), channels, height, width, listing.classNames());
    }

    /** Lists a folder of class sub-folders, checking its structure (see the class comment); decodes nothing. */
    public static Listing list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a folder (expected one sub-folder per class)");
        }
        List<Path> classDirs = new ArrayList<>();
        for (Path entry : sortedEntries(dir)) {
            if (Files.isDirectory(entry)) {
                classDirs.add(entry);
            } else {
                throw new DataFormatException(entry, "", "is a file at the top level; expected only one sub-folder"
                        + " per class (hidden files, starting with '.', are skipped)");
            }
        }
        if (classDirs.isEmpty()) {
            throw new DataFormatException(dir, "", "has no class sub-folders; expected one sub-folder per class"
                    + " holding PNG or JPEG images");
        }
        List<String> classNames = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> fileLabels = new ArrayList<>();
        for (Path classDir : classDirs) {
            int label = classNames.size();
            classNames.add(classDir.getFileName().toString());
            List<Path> entries = sortedEntries(classDir);
            if (entries.isEmpty()) {
                throw new DataFormatException(classDir, "", "class folder is empty; every class needs at least one"
                        + " image");
            }
            for (Path file : entries) {
                if (Files.isDirectory(file)) {
                    throw new DataFormatException(file, "", "is a folder inside a class folder; expected only PNG or"
                            + " JPEG files there");
                }
                if (!hasImageExtension(file)) {
                    throw new DataFormatException(file, "", "is not a PNG or JPEG file (by its name); expected .png,"
                            + " .jpg or .jpeg (hide other files with a leading '.')");
                }
                files.add(file);
                fileLabels.add(label);
            }
        }
        return new Listing(dir, classNames, files, fileLabels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Non-hidden entries of a folder, sorted by name. */
    private static List<Path> sortedEntries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        }
    }

    private static boolean hasImageExtension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    /**
     * Colour conversion then area-averaging resize, written as C x H x W bytes at {@code offset}. Works row by row,
     * so beyond the decoded image it needs only channels x sourceHeight x targetWidth doubles.
     */
    private void convert(BufferedImage image, byte[] out, int offset) {
        int sw = image.getWidth();
        int sh = image.getHeight();
        AxisWeights wx = AxisWeights.of(sw, width);
        AxisWeights wy = AxisWeights.of(sh, height);
        ColorModel cm = image.getColorModel();
        // read grey samples directly: getRGB would convert linear grey to sRGB and change the values
        boolean grey = ImageFiles.isGrey(cm);
        Raster raster = image.getRaster();
        double greyMax = grey ? (1L << cm.getComponentSize(0)) - 1 : 0;
        int[] samples = new int[sw];
        double[][] row = new double[channels][sw]; // one source row per channel, 0..255 unrounded
        double[][] rows = new double[channels][sh * width]; // source rows resized horizontally
        for (int y = 0; y < sh; y++) {
            if (grey) {
                raster.getSamples(0, y, sw, 1, 0, samples);
                for (int x = 0; x < sw; x++) {
                    double g = samples[x] * 255.0 / greyMax;
                    for (int c = 0; c < channels; c++) {
                        row[c][x] = g;
                    }
                }
            } else {
                image.getRGB(0, y, sw, 1, samples, 0, sw);
                for (int x = 0; x < sw; x++) {
                    int r = (samples[x] >> 16) & 0xFF;
                    int g = (samples[x] >> 8) & 0xFF;
                    int b = samples[x] & 0xFF;
                    if (channels == 1) {
                        row[0][x] = 0.299 * r + 0.587 * g + 0.114 * b;
                    } else {
                        row[0][x] = r;
                        row[1][x] = g;
                        row[2][x] = b;
                    }
                }
            }
            for (int c = 0; c < channels; c++) {
                for (int tx = 0; tx < width; tx++) {
                    rows[c][y * width + tx] = wx.apply(tx, row[c], 0, 1);
                }
            }
        }
        for (int c = 0; c < channels; c++) {
            int base = offset + c * height * width;
            for (int ty = 0; ty < height; ty++) {
                for (int tx = 0; tx < width; tx++) {
                    double v = wy.apply(ty, rows[c], tx, width);
                    out[base + ty * width + tx] = (byte) Math.clamp(Math.round(v), 0, 255);
                }
            }
        }
    }

    /**
     * Area-averaging weights along one axis, n source pixels to m target pixels. In units of 1/(n*m), source pixel j
     * spans [j*m, (j+1)*m) and target pixel i spans [i*n, (i+1)*n); the weight is their overlap divided by n.
     */
    private record AxisWeights(int[] first, double[][] weights) {

        static AxisWeights of(int n, int m) {
            int[] first = new int[m];
            double[][] weights = new double[m][];
            for (int i = 0; i < m; i++) {
                long lo = (long) i * n;
                long hi = (long) (i + 1) * n;
                int j0 = (int) (lo / m);
                int j1 = (int) ((hi + m - 1) / m); // exclusive
                first[i] = j0;
                weights[i] = new double[j1 - j0];
                for (int j = j0; j < j1; j++) {
                    long overlap = Math.min((long) (j + 1) * m, hi) - Math.max((long) j * m, lo);
                    weights[i][j - j0] = (double) overlap / n;
                }
            }
            return new AxisWeights(first, weights);
        }

        /** Weighted sum for target i over src[start + j*stride]. */
        double apply(int i, double[] src, int start, int stride) {
            double[] w = weights[i];
            int j0 = first[i];
            double sum = 0;
            for (int k = 0; k < w.length; k++) {
                sum += w[k] * src[start + (j0 + k) * stride];
            }
            return sum;
        }
    }
}
