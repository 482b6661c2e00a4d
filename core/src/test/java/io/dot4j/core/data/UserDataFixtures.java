package io.dot4j.core.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Users' own data, generated: folders of PNGs (one sub-folder per class) and CSV files of a small task a network
 * learns in a few epochs: class k is a bright horizontal band in the k-th of {@code classes} row bands, on dim noise.
 * Public, in core's test jar, for the quant and cli tests.
 */
public final class UserDataFixtures {
    private UserDataFixtures() {
    }

    /** The class folder name of label k: "class0", "class1", ... (sorted like the labels for up to 10 classes). */
    public static String className(int k) {
        return "class" + k;
    }

    /** One size x size grey image of class k, values 0..255. */
    public static int[][] image(int k, int classes, int size, Random rnd) {
        int[][] v = new int[size][size];
        int from = k * size / classes;
        int to = Math.max(from + 1, (k + 1) * size / classes);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                v[y][x] = y >= from && y < to ? 190 + rnd.nextInt(66) : rnd.nextInt(60);
            }
        }
        return v;
    }

    /** Writes {@code perClass} PNGs per class into {@code dir/classK/NNN.png}; grey or (R, G, B all equal) colour. */
    public static void writePngFolder(Path dir, int classes, int perClass, int size, long seed, boolean colour) {
        Random rnd = new Random(seed);
        try {
            for (int k = 0; k < classes; k++) {
                Path classDir = dir.resolve(className(k));
                Files.createDirectories(classDir);
                for (int i = 0; i < perClass; i++) {
                    int[][] v = image(k, classes, size, rnd);
                    BufferedImage img = new BufferedImage(size, size,
                            colour ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
                    for (int y = 0; y < size; y++) {
                        for (int x = 0; x < size; x++) {
                            if (colour) {
                                img.setRGB(x, y, v[y][x] * 0x010101);
                            } else {
                                img.getRaster().setSample(x, y, 0, v[y][x]);
                            }
                        }
                    }
                    ImageIO.write(img, "png", classDir.resolve(String.format(Locale.ROOT, "%03d.png", i)).toFile());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a CSV file: an optional header "label,p0,p1,...", then per line the label and size*size pixels. */
    public static void writeCsv(Path file, int classes, int count, int size, long seed, boolean header) {
        Random rnd = new Random(seed);
        List<String> lines = new ArrayList<>();
        if (header) {
            StringBuilder h = new StringBuilder("label");
            for (int i = 0; i < size * size; i++) {
                h.append(",p").append(i);
            }
            lines.add(h.toString());
        }
        for (int n = 0; n < count; n++) {
            int k = n % classes;
            StringBuilder line = new StringBuilder().append(k);
            for (int[] row : image(k, classes, size, rnd)) {
                for (int p : row) {
                    line.append(',').append(p);
                }
            }
            lines.add(line.toString());
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
