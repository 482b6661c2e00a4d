package io.dot4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {

    @TempDir
    Path root;

    private Path grey(String path, int[][] values) throws IOException {
        BufferedImage img = new BufferedImage(values[0].length, values.length, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < values.length; y++) {
            for (int x = 0; x < values[0].length; x++) {
                img.getRaster().setSample(x, y, 0, values[y][x]);
            }
        }
        return save(path, img, "png");
    }

    private Path rgb(String path, int w, int h, int rgb, String format) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return save(path, img, format);
    }

    private Path save(String path, BufferedImage img, String format) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        assertTrue(ImageIO.write(img, format, p.toFile()), "no writer for " + format);
        return p;
    }

    private void assertError(ImageFolderReader reader, Path named, String part) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> reader.read(root));
        assertTrue(e.getMessage().contains(named.toString()), () -> "should name " + named + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(part), () -> "expected '" + part + "' in: " + e.getMessage());
    }

    @Test
    void labelsFollowSortedClassFoldersAndGreyIsExact() throws IOException {
        grey("zebra/b.png", new int[][]{{1, 2}, {3, 4}});
        grey("zebra/a.png", new int[][]{{5, 6}, {7, 8}});
        grey("ant/x.png", new int[][]{{0, 128}, {200, 255}});
        Files.writeString(root.resolve("zebra/.DS_Store"), "hidden files are skipped");
        Files.createDirectories(root.resolve(".git"));
        Dataset d = new ImageFolderReader(1, 2, 2).read(root);
        assertEquals(List.of("ant", "zebra"), d.classNames());
        assertArrayEquals(new int[]{0, 1, 1}, d.labels());
        assertArrayEquals(new byte[]{0, (byte) 128, (byte) 200, (byte) 255, 5, 6, 7, 8, 1, 2, 3, 4}, d.copyPixels());
    }

    @Test
    void colourBecomesLuminanceOrRgb() throws IOException {
        int r = 200;
        int g = 100;
        int b = 50;
        rgb("c/one.png", 3, 2, (r << 16) | (g << 8) | b, "png");
        Dataset grey = new ImageFolderReader(1, 2, 3).read(root);
        long lum = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
        for (int i = 0; i < 6; i++) {
            assertEquals(lum, grey.copyPixels()[i] & 0xFF);
        }
        Dataset colour = new ImageFolderReader(3, 2, 3).read(root);
        assertEquals(r, colour.pixel(0, 0, 1, 2));
        assertEquals(g, colour.pixel(0, 1, 0, 0));
        assertEquals(b, colour.pixel(0, 2, 1, 1));
        // a grey image in RGB repeats its value in every channel
        Files.delete(root.resolve("c/one.png"));
        grey("c/g.png", new int[][]{{9, 99}});
        Dataset rgbOfGrey = new ImageFolderReader(3, 1, 2).read(root);
        assertArrayEquals(new byte[]{9, 99, 9, 99, 9, 99}, rgbOfGrey.copyPixels());
    }

    @Test
    void shrinksByAreaAveraging() throws IOException {
        grey("c/a.png", new int[][]{
                {0, 10, 20, 30},
                {40, 50, 60, 70},
                {80, 90, 100, 110},
                {120, 130, 140, 150}});
        Dataset d = new ImageFolderReader(1, 2, 2).read(root);
        // each output is the mean of a 2x2 block
        assertArrayEquals(new byte[]{25, 45, 105, 125}, d.copyPixels());
        // 4 -> 3 columns, 1 row: weights (3/4, 1/4), (2/4, 2/4), (1/4, 3/4) of the source pixels
        Dataset thirds = new ImageFolderReader(1, 1, 3).read(root);
        double[] col = {60, 70, 80, 90}; // column means over the 4 rows
        long[] expected = {Math.round(0.75 * col[0] + 0.25 * col[1]), Math.round(0.5 * col[1] + 0.5 * col[2]),
                Math.round(0.25 * col[2] + 0.75 * col[3])};
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], thirds.copyPixels()[i] & 0xFF);
        }
    }

    @Test
    void enlargesByReplication() throws IOException {
        grey("c/a.png", new int[][]{{10, 20}, {30, 40}});
        Dataset d = new ImageFolderReader(1, 4, 4).read(root);
        assertArrayEquals(new byte[]{10, 10, 20, 20, 10, 10, 20, 20, 30, 30, 40, 40, 30, 30, 40, 40},
                d.copyPixels());
    }

    @Test
    void readsJpeg() throws IOException {
        rgb("c/a.jpg", 8, 8, 0x808080, "jpg");
        Dataset d = new ImageFolderReader(1, 4, 4).read(root);
        assertEquals(1, d.count());
        // JPEG is lossy, but a flat grey stays close to its value
        for (byte p : d.copyPixels()) {
            assertTrue(Math.abs((p & 0xFF) - 128) <= 2, "pixel " + (p & 0xFF));
        }
    }

    @Test
    void rejectsMissingOrEmptyClassFolders() throws IOException {
        ImageFolderReader reader = new ImageFolderReader(1, 2, 2);
        assertError(reader, root, "no class sub-folders");
        Files.createDirectories(root.resolve("empty"));
        grey("full/a.png", new int[][]{{1}});
        assertError(reader, root.resolve("empty"), "class folder is empty");
        Files.writeString(root.resolve("empty/.hidden"), "only hidden");
        assertError(reader, root.resolve("empty"), "class folder is empty");
    }

    @Test
    void rejectsNonImageAndStrayFiles() throws IOException {
        ImageFolderReader reader = new ImageFolderReader(1, 2, 2);
        grey("c/a.png", new int[][]{{1}});
        Path notes = root.resolve("c/notes.txt");
        Files.writeString(notes, "hello");
        assertError(reader, notes, "not a PNG or JPEG");
        Files.delete(notes);
        Path top = root.resolve("README");
        Files.writeString(top, "hello");
        assertError(reader, top, "file at the top level");
        Files.delete(top);
        Path nested = root.resolve("c/sub");
        Files.createDirectories(nested);
        assertError(reader, nested, "folder inside a class folder");
    }

    @Test
    void rejectsEmptyAndUnreadableImages() throws IOException {
        ImageFolderReader reader = new ImageFolderReader(1, 2, 2);
        grey("c/a.png", new int[][]{{1}});
        Path empty = root.resolve("c/b.png");
        Files.write(empty, new byte[0]);
        assertError(reader, empty, "empty (0-byte)");
        byte[] garbage = new byte[100];
        new Random(7).nextBytes(garbage);
        garbage[0] = 'x'; // not a PNG or JPEG signature
        Files.write(empty, garbage);
        assertError(reader, empty, "not a readable image");
        // a real PNG cut in half
        byte[] png = Files.readAllBytes(rgb("d/full.png", 40, 40, 0x123456, "png"));
        Files.delete(root.resolve("d/full.png"));
        Files.delete(empty);
        Path cut = root.resolve("d/cut.png");
        Files.write(cut, java.util.Arrays.copyOf(png, png.length / 2));
        assertError(reader, cut, "truncated PNG");
    }

    @Test
    void sixteenBitGreyAndPaletteImagesKeepTheirValues() throws IOException {
        BufferedImage deep = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSample(0, 0, 0, 65535);
        deep.getRaster().setSample(1, 0, 0, 257 * 100); // exactly 100 in 8 bits
        save("a/deep.png", deep, "png");
        BufferedImage palette = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED);
        palette.setRGB(0, 0, 0x000000);
        palette.setRGB(1, 0, 0xFFFFFF);
        save("b/palette.png", palette, "png");
        Dataset d = new ImageFolderReader(1, 1, 2).read(root);
        assertArrayEquals(new byte[]{(byte) 255, 100, 0, (byte) 255}, d.copyPixels());
    }

    @Test
    void rejectsATruncatedJpeg() throws IOException {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Random rnd = new Random(11);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, rnd.nextInt(1 << 24));
            }
        }
        byte[] jpeg = Files.readAllBytes(save("c/full.jpg", img, "jpg"));
        Files.delete(root.resolve("c/full.jpg"));
        Path cut = root.resolve("c/cut.jpg");
        Files.write(cut, java.util.Arrays.copyOf(jpeg, jpeg.length / 2));
        assertError(new ImageFolderReader(1, 8, 8), cut, "image");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new ImageFolderReader(1, 8, 8).read(root));
        assertTrue(e.getMessage().contains("is a damaged image"), e.getMessage());
    }

    @Test
    void rejectsBadTargets() {
        assertThrows(IllegalArgumentException.class, () -> new ImageFolderReader(2, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new ImageFolderReader(1, 0, 2));
    }
}
