package io.dot4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static void assertMessage(DataFormatException e, Path file, String... parts) {
        assertTrue(e.getMessage().contains(file.toString()), () -> "message should name " + file + ": "
                + e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "message should contain '" + part + "': "
                    + e.getMessage());
        }
        assertEquals(file, e.file());
    }

    @Test
    void readsWhatTheWriterWrote() throws IOException {
        Dataset data = TestData.random(1, 7, 5, 3, 10);
        IdxWriter.writeImages(dir.resolve("i"), data, false);
        IdxWriter.writeLabels(dir.resolve("l"), data, false);
        Dataset back = IdxReader.read(dir.resolve("i"), dir.resolve("l"), "random");
        assertEquals(data, back);
        assertEquals(16 + 7 * 5 * 3, Files.size(dir.resolve("i")));
        assertEquals(8 + 7, Files.size(dir.resolve("l")));
        byte[] head = Arrays.copyOf(Files.readAllBytes(dir.resolve("i")), 16);
        assertArrayEquals(new byte[]{0, 0, 8, 3, 0, 0, 0, 7, 0, 0, 0, 5, 0, 0, 0, 3}, head);
    }

    @Test
    void gzipAndRawGiveTheSameData() throws IOException {
        Dataset data = TestData.random(2, 11, 4, 6, 10);
        IdxWriter.writeImages(dir.resolve("i"), data, false);
        IdxWriter.writeLabels(dir.resolve("l"), data, false);
        IdxWriter.writeImages(dir.resolve("i.gz"), data, true);
        IdxWriter.writeLabels(dir.resolve("l.gz"), data, true);
        assertTrue(IdxReader.isGzip(dir.resolve("i.gz")));
        assertEquals(IdxReader.read(dir.resolve("i"), dir.resolve("l"), "x"),
                IdxReader.read(dir.resolve("i.gz"), dir.resolve("l.gz"), "x"));
    }

    @Test
    void gzipIsDetectedByContentNotName() throws IOException {
        Dataset data = TestData.random(3, 4, 2, 2, 10);
        IdxWriter.writeImages(dir.resolve("gzipped-without-suffix"), data, true);
        IdxWriter.writeImages(dir.resolve("raw-with-suffix.gz"), data, false);
        assertTrue(IdxReader.isGzip(dir.resolve("gzipped-without-suffix")));
        assertArrayEquals(data.copyPixels(), IdxReader.readImages(dir.resolve("gzipped-without-suffix")).pixels());
        assertArrayEquals(data.copyPixels(), IdxReader.readImages(dir.resolve("raw-with-suffix.gz")).pixels());
    }

    @Test
    void rejectsWrongMagic() throws IOException {
        Path f = write("bad", TestData.idx(0x12345678, new int[]{1, 1, 1}, new byte[1]));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(f));
        assertMessage(e, f, "byte offset 0", "0x12345678", "0x00000803");
    }

    @Test
    void rejectsWrongDimensionCount() throws IOException {
        Path f = write("two-dims", TestData.idx(0x00000802, new int[]{1, 4}, new byte[4]));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(f));
        assertMessage(e, f, "byte offset 3", "dimension count 2");
        // a labels file given as images is caught the same way
        Path labels = write("labels", TestData.idx(0x00000801, new int[]{2}, new byte[2]));
        assertMessage(assertThrows(DataFormatException.class, () -> IdxReader.readImages(labels)), labels,
                "dimension count 1");
        Path images = write("images", TestData.idx(0x00000803, new int[]{1, 1, 1}, new byte[1]));
        assertMessage(assertThrows(DataFormatException.class, () -> IdxReader.readLabels(images, 10)), images,
                "dimension count 3");
    }

    @Test
    void rejectsTruncatedHeader() throws IOException {
        Path magicOnly = write("short", new byte[]{0, 0});
        assertMessage(assertThrows(DataFormatException.class, () -> IdxReader.readImages(magicOnly)), magicOnly,
                "byte offset 2", "truncated");
        Path midDims = write("mid", new byte[]{0, 0, 8, 3, 0, 0, 0, 1, 0, 0});
        assertMessage(assertThrows(DataFormatException.class, () -> IdxReader.readImages(midDims)), midDims,
                "byte offset 10", "truncated", "dimension 1");
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        byte[] full = TestData.idx(0x00000803, new int[]{3, 2, 2}, new byte[12]);
        Path raw = write("raw", Arrays.copyOf(full, full.length - 5));
        assertMessage(assertThrows(DataFormatException.class, () -> IdxReader.readImages(raw)), raw,
                "truncated", "need 12 data bytes", "only 7");
        Path gz = write("gz", TestData.gzip(Arrays.copyOf(full, full.length - 5)));
        assertMessage(assertThrows(DataFormatException.class, () -> IdxReader.readImages(gz)), gz,
                "uncompressed byte offset 23", "truncated");
    }

    @Test
    void rejectsCorruptGzipStream() throws IOException {
        byte[] gz = TestData.gzip(TestData.idx(0x00000803, new int[]{50, 20, 20}, new byte[20000]));
        Path cut = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        assertMessage(assertThrows(DataFormatException.class, () -> IdxReader.readImages(cut)), cut, "gzip");
        Path header = write("header.gz", new byte[]{0x1f, (byte) 0x8b, 8});
        assertMessage(assertThrows(DataFormatException.class, () -> IdxReader.readImages(header)), header,
                "corrupt gzip header");
        Path method = write("method.gz", new byte[]{0x1f, (byte) 0x8b, 99, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertMessage(assertThrows(DataFormatException.class, () -> IdxReader.readImages(method)), method,
                "corrupt gzip header");
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] full = TestData.idx(0x00000803, new int[]{1, 2, 2}, new byte[4]);
        byte[] longer = Arrays.copyOf(full, full.length + 3);
        Path raw = write("raw", longer);
        assertMessage(assertThrows(DataFormatException.class, () -> IdxReader.readImages(raw)), raw,
                "byte offset 20", "3 unexpected bytes");
        Path gz = write("gz", TestData.gzip(longer));
        assertMessage(assertThrows(DataFormatException.class, () -> IdxReader.readImages(gz)), gz,
                "uncompressed byte offset 20", "unexpected bytes");
    }

    @Test
    void hostileHeaderIsRejectedBeforeAllocating() throws IOException {
        // 4 billion x 4 billion x ...: cannot fit any array
        Path huge = write("huge", TestData.idx(0x00000803, new int[]{-1, -1, -1}, new byte[0]));
        assertMessage(assertThrows(DataFormatException.class, () -> IdxReader.readImages(huge)), huge,
                "too large");
        // 2 GB claimed by a 16-byte raw file
        Path lying = write("lying", TestData.idx(0x00000803, new int[]{2_000_000, 1000, 1}, new byte[0]));
        assertMessage(assertThrows(DataFormatException.class, () -> IdxReader.readImages(lying)), lying,
                "truncated", "need 2000000000 data bytes");
        // 2 GB claimed by a tiny gzip file
        Path lyingGz = write("lying.gz", TestData.gzip(TestData.idx(0x00000803, new int[]{2_000_000, 1000, 1},
                new byte[0])));
        assertMessage(assertThrows(DataFormatException.class, () -> IdxReader.readImages(lyingGz)), lyingGz,
                "more than a");
        // labels: 2 billion claimed in a raw file
        Path lyingLabels = write("lying-labels", TestData.idx(0x00000801, new int[]{2_000_000_000}, new byte[3]));
        assertMessage(assertThrows(DataFormatException.class, () -> IdxReader.readLabels(lyingLabels, 10)),
                lyingLabels, "truncated");
    }

    @Test
    void rejectsZeroDimension() throws IOException {
        Path f = write("zero", TestData.idx(0x00000803, new int[]{5, 0, 3}, new byte[0]));
        assertMessage(assertThrows(DataFormatException.class, () -> IdxReader.readImages(f)), f,
                "byte offset 8", "dimension 1 is 0");
    }

    @Test
    void rejectsCountMismatch() throws IOException {
        Path images = write("images", TestData.idx(0x00000803, new int[]{3, 1, 1}, new byte[3]));
        Path labels = write("labels", TestData.idx(0x00000801, new int[]{2}, new byte[2]));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxReader.read(images, labels, "x"));
        assertMessage(e, labels, "2 labels", "3 images", images.toString());
    }

    @Test
    void rejectsLabelOutOfRange() throws IOException {
        Path labels = write("labels", TestData.idx(0x00000801, new int[]{4}, new byte[]{1, 9, 10, 2}));
        assertMessage(assertThrows(DataFormatException.class, () -> IdxReader.readLabels(labels, 10)), labels,
                "byte offset 10", "label 10", "0..9");
        assertMessage(assertThrows(DataFormatException.class, () -> IdxReader.readLabels(labels, 3)), labels,
                "byte offset 9", "label 9", "0..2");
        assertArrayEquals(new int[]{1, 9, 10, 2}, IdxReader.readLabels(labels, 11));
        assertArrayEquals(new int[]{1, 9, 10, 2}, IdxReader.readLabels(labels, 1000));
        assertThrows(IllegalArgumentException.class, () -> IdxReader.readLabels(labels, 0));
    }

    @Test
    void idxDatasetsFindsRawOrGzipFiles() throws IOException {
        Dataset train = TestData.random(4, 6, 3, 3, 10);
        Dataset test = TestData.random(5, 2, 3, 3, 10);
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte"), train, false);
        IdxWriter.writeLabels(dir.resolve("train-labels-idx1-ubyte.gz"), train, true);
        IdxWriter.writeImages(dir.resolve("t10k-images-idx3-ubyte.gz"), test, true);
        IdxWriter.writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), test, false);
        Dataset loadedTrain = IdxDatasets.load(dir, "train");
        Dataset loadedTest = IdxDatasets.load(dir, "test");
        assertEquals(dir.getFileName() + "/train", loadedTrain.name());
        assertArrayEquals(train.copyPixels(), loadedTrain.copyPixels());
        assertArrayEquals(train.labels(), loadedTrain.labels());
        assertArrayEquals(test.copyPixels(), loadedTest.copyPixels());
        assertArrayEquals(test.labels(), loadedTest.labels());
        assertThrows(IllegalArgumentException.class, () -> IdxDatasets.load(dir, "validation"));
    }

    @Test
    void idxDatasetsNamesTheMissingFile() throws IOException {
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte"), TestData.random(6, 2, 2, 2, 10), false);
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> IdxDatasets.load(dir, "train"));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte.gz"), e.getMessage());
        assertThrows(NoSuchFileException.class, () -> IdxDatasets.load(dir.resolve("nope"), "train"));
    }
}
