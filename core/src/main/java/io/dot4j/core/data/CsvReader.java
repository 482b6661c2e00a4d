package io.dot4j.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a comma-separated file with one image per line: a label column (index configurable, default 0) and pixel
 * columns holding integers 0..255, in C x H x W order.
 *
 * <p>Rules: cells are trimmed of spaces; only plain integers are accepted (no quotes, no decimals). The first
 * non-blank line is a header, and skipped, when any of its cells is not an integer. Blank lines are skipped. Every
 * line must have the same number of columns. A UTF-8 byte-order mark at the start is ignored. The image shape is
 * given with {@link #shape}, or inferred: {@code 1 x s x s} when the pixel count is a square {@code s*s}, else
 * {@code 1 x 1 x P}. Errors throw {@link DataFormatException} naming the file, the 1-based line and column.
 *
 * <p>Instances are immutable; the {@code with...}-style methods return changed copies.
 */
public final class CsvReader {

    private final int labelColumn;
    private final int numClasses;
    private final int[] shape; // null = infer

    /** Label in column 0, 10 classes, shape inferred. */
    public CsvReader() {
        this(0, 10, null);
    }

    private CsvReader(int labelColumn, int numClasses, int[] shape) {
        this.labelColumn = labelColumn;
        this.numClasses = numClasses;
        this.shape = shape;
    }

    /** The 0-based index of the label column. */
    public CsvReader labelColumn(int column) {
        if (column < 0) {
            throw new IllegalArgumentException("label column must be >= 0, got " + column);
        }
        return new CsvReader(column, numClasses, shape);
    }

    /** Labels must be in {@code 0..numClasses-1}. */
    public CsvReader numClasses(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("numClasses must be >= 1, got " + classes);
        }
        return new CsvReader(labelColumn, classes, shape);
    }

    /** The image shape; the pixel columns must number exactly channels x height x width. */
    public CsvReader shape(int channels, int height, int width) {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("shape must be positive, got " + channels + "x" + height + "x" + width);
        }
        return new CsvReader(labelColumn, numClasses, new int[]{channels, height, width});
    }

    /** Reads the whole file; the data set is named after the file. */
    public Dataset read(Path file) throws IOException {
        int columns = -1;
        int pixelsPerImage = 0;
        int[] imageShape = shape;
        byte[] pixels = new byte[0];
        int[] labels = new int[0];
        int count = 0;
        boolean firstContentLine = true;
        io.dot4j.runtime.io.InputFiles.requireRegular(file); // a folder, FIFO or device is refused before opening
        int lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (firstContentLine) {
                    firstContentLine = false;
                    columns = cells.length;
                    if (labelColumn >= columns) {
                        throw new DataFormatException(file, "line " + lineNo, "has " + columns
                                + " columns, so label column " + (labelColumn + 1) + " (index " + labelColumn
                                + ") does not exist");
                    }
                    pixelsPerImage = columns - 1;
                    if (pixelsPerImage < 1) {
                        throw new DataFormatException(file, "line " + lineNo,
                                "has only a label column, expected pixel columns too");
                    }
                    if (imageShape == null) {
                        int side = (int) Math.round(Math.sqrt(pixelsPerImage));
                        imageShape = side * side == pixelsPerImage ? new int[]{1, side, side}
                                : new int[]{1, 1, pixelsPerImage};
                    } else if (imageShape[0] * imageShape[1] * imageShape[2] != pixelsPerImage) {
                        throw new DataFormatException(file, "line " + lineNo, "has " + pixelsPerImage
                                + " pixel columns, but the shape " + imageShape[0] + "x" + imageShape[1] + "x"
                                + imageShape[2] + " needs " + imageShape[0] * imageShape[1] * imageShape[2]);
                    }
                    if (isHeader(cells)) {
                        continue;
                    }
                }
                if (cells.length != columns) {
                    throw new DataFormatException(file, "line " + lineNo + ", column "
                            + (Math.min(cells.length, columns) + 1), "has " + cells.length
                            + " columns, expected " + columns + " like the first line");
                }
                if (count == labels.length) {
                    int grown = Math.max(16, labels.length * 2);
                    if ((long) grown * pixelsPerImage > IdxReader.MAX_ARRAY) {
                        grown = (int) (IdxReader.MAX_ARRAY / pixelsPerImage);
                        if (grown <= count) {
                            throw new DataFormatException(file, "line " + lineNo, "too many images to hold in memory");
                        }
                    }
                    labels = Arrays.copyOf(labels, grown);
                    pixels = Arrays.copyOf(pixels, grown * pixelsPerImage);
                }
                int base = count * pixelsPerImage;
                int p = 0;
                for (int c = 0; c < columns; c++) {
                    String where = "line " + lineNo + ", column " + (c + 1);
                    int value = parseInt(cells[c].strip(), file, where);
                    if (c == labelColumn) {
                        if (value < 0 || value >= numClasses) {
                            throw new DataFormatException(file, where, "label " + value
                                    + " is out of range, expected 0.." + (numClasses - 1));
                        }
                        labels[count] = value;
                    } else {
                        if (value < 0 || value > 255) {
                            throw new DataFormatException(file, where, "pixel value " + value
                                    + " is out of range, expected 0..255");
                        }
                        pixels[base + p++] = (byte) value;
                    }
                }
                count++;
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new DataFormatException(file, "line " + (lineNo + 1) + " or after", "is not UTF-8 text (a malformed sequence of "
                    + e.getInputLength() + " byte(s))", e);
        }
        if (count == 0) {
            throw new DataFormatException(file, "", firstContentLine ? "is empty, expected a label and pixel columns"
                    : "has a header but no data lines");
        }
        return Dataset.wrap(String.valueOf(file.getFileName()), Arrays.copyOf(pixels, count * pixelsPerImage),
                Arrays.copyOf(labels, count), imageShape[0], imageShape[1], imageShape[2],
                Dataset.defaultClassNames(numClasses));
    }

    private static boolean isHeader(String[] cells) {
        for (String cell : cells) {
            if (!isInteger(cell.strip())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isInteger(String s) {
        int start = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        if (s.length() == start || s.length() - start > 9) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int parseInt(String s, Path file, String where) {
        if (!isInteger(s)) {
            throw new DataFormatException(file, where, "\"" + (s.length() > 20 ? s.substring(0, 20) + "..." : s)
                    + "\" is not an integer (expected 0..255 for pixels, a class index for the label)");
        }
        return Integer.parseInt(s);
    }

    /** A short description, for logs. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("labelColumn=" + labelColumn);
        parts.add("numClasses=" + numClasses);
        parts.add("shape=" + (shape == null ? "inferred" : shape[0] + "x" + shape[1] + "x" + shape[2]));
        return "CsvReader" + parts;
    }
}
