package io.dot4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourceTest {
    @TempDir
    Path tmp;

    private DataSource resolve(String ref) throws IOException {
        return DataSource.resolve(ref, tmp, tmp.resolve("cache"));
    }

    @Test
    void imageFolderWithTrainAndTestTakesShapeAndClassesFromTheData() throws IOException {
        UserDataFixtures.writePngFolder(tmp.resolve("digits/train"), 3, 5, 8, 1, false);
        UserDataFixtures.writePngFolder(tmp.resolve("digits/test"), 3, 2, 8, 2, false);
        DataSource s = resolve("digits");
        assertEquals(DataSource.Kind.IMAGE_FOLDERS, s.kind());
        assertTrue(s.hasTestSplit());
        assertEquals(tmp.resolve("digits").toString(), s.canonical());
        SeededSplit.Splits splits = s.splits();
        assertEquals(15, splits.train().count());
        assertEquals(6, splits.test().count());
        assertEquals(List.of("class0", "class1", "class2"), splits.test().classNames());
        assertArrayEquals(new int[] {1, 8, 8}, shape(splits.train()));
        assertArrayEquals(new int[] {1, 8, 8}, shape(splits.test()));
        assertEquals(splits.test(), s.evaluationSet().withNames(splits.test().name(), splits.test().classNames()));
    }

    @Test
    void colourImagesGiveThreeChannelsAndAnExpectedShapeResizes() throws IOException {
        UserDataFixtures.writePngFolder(tmp.resolve("rgb"), 2, 3, 6, 3, true);
        DataSource s = resolve("rgb");
        assertEquals(DataSource.Kind.IMAGE_FOLDER, s.kind());
        assertArrayEquals(new int[] {3, 6, 6}, shape(s.evaluationSet()));
        Dataset grey = s.expecting(2, new int[] {1, 3, 3}).evaluationSet();
        assertArrayEquals(new int[] {1, 3, 3}, shape(grey));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> s.expecting(10, null).evaluationSet());
        assertTrue(e.getMessage().startsWith(tmp.resolve("rgb") + ": has 2 class sub-folders"), e.getMessage());
    }

    @Test
    void aSingleFolderIsSplitBySeedForTrainingAndUsedWholeForEvaluation() throws IOException {
        UserDataFixtures.writePngFolder(tmp.resolve("one"), 2, 10, 4, 4, false);
        DataSource s = resolve("one");
        assertFalse(s.hasTestSplit());
        SeededSplit.Splits a = s.splits();
        SeededSplit.Splits b = resolve("one").splits();
        assertEquals(16, a.train().count());
        assertEquals(4, a.test().count());
        assertArrayEquals(new int[] {2, 2}, a.test().classCounts());
        assertEquals(a.train(), b.train());
        assertEquals(a.test(), b.test());
        assertEquals(20, s.evaluationSet().count());
        assertTrue(s.describe().contains("holds out 20 % of each class"), s.describe());
    }

    @Test
    void csvFileAndCsvFolder() throws IOException {
        UserDataFixtures.writeCsv(tmp.resolve("d.csv"), 4, 40, 5, 5, true);
        DataSource file = resolve("d.csv");
        assertEquals(DataSource.Kind.CSV_FILE, file.kind());
        Dataset all = file.evaluationSet();
        assertEquals(40, all.count());
        assertEquals(4, all.numClasses());
        assertArrayEquals(new int[] {1, 5, 5}, shape(all));
        assertEquals(32, file.splits().train().count());

        UserDataFixtures.writeCsv(tmp.resolve("f/train.csv"), 3, 12, 4, 6, false);
        UserDataFixtures.writeCsv(tmp.resolve("f/test.csv"), 3, 6, 4, 7, false);
        DataSource folder = resolve("f");
        assertEquals(DataSource.Kind.CSV_FILES, folder.kind());
        assertEquals(12, folder.splits().train().count());
        assertEquals(6, folder.evaluationSet().count());
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> folder.expecting(0, new int[] {1, 3, 3}).evaluationSet());
        assertTrue(e.getMessage().startsWith(tmp.resolve("f/test.csv") + " at line 1"), e.getMessage());
    }

    @Test
    void idxFolderInfersItsClassesFromTheLabels() throws IOException {
        Path dir = tmp.resolve("idx");
        Files.createDirectories(dir);
        Dataset train = TestData.random(1, 30, 3, 3, 4);
        Dataset test = TestData.random(2, 8, 3, 3, 4);
        IdxWriter.writeImages(dir.resolve(IdxDatasets.imagesFileName("train")), train, false);
        IdxWriter.writeLabels(dir.resolve(IdxDatasets.labelsFileName("train")), train, false);
        IdxWriter.writeImages(dir.resolve(IdxDatasets.imagesFileName("test")), test, false);
        IdxWriter.writeLabels(dir.resolve(IdxDatasets.labelsFileName("test")), test, false);
        DataSource s = resolve("idx");
        assertEquals(DataSource.Kind.IDX_FOLDER, s.kind());
        int max = 0;
        for (int l : train.labels()) {
            max = Math.max(max, l);
        }
        for (int l : test.labels()) {
            max = Math.max(max, l);
        }
        assertEquals(max + 1, s.splits().train().numClasses());
        assertEquals(10, s.expecting(10, null).evaluationSet().numClasses());
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> s.expecting(0, new int[] {1, 28, 28}).evaluationSet());
        assertTrue(e.getMessage().contains("holds 1x3x3 images, expected 1x28x28"), e.getMessage());
    }

    @Test
    void namesAndMissingPathsAreOneLineErrors() throws IOException {
        DataSource mnist = resolve("mnist");
        assertEquals(DataSource.Kind.NAMED, mnist.kind());
        assertEquals("mnist", mnist.canonical());
        NoSuchFileException missingCache = assertThrows(NoSuchFileException.class, mnist::splits);
        assertTrue(missingCache.getMessage().contains("dot4j data fetch mnist"), missingCache.getMessage());
        NoSuchFileException unknown = assertThrows(NoSuchFileException.class, () -> resolve("cifar"));
        assertEquals(tmp.resolve("cifar").toString(), unknown.getFile());
        assertTrue(unknown.getReason().startsWith("unknown data set 'cifar'"), unknown.getReason());
        Files.writeString(tmp.resolve("notes.txt"), "x");
        DataFormatException txt = assertThrows(DataFormatException.class, () -> resolve("notes.txt"));
        assertTrue(txt.getMessage().contains("not a .csv file"), txt.getMessage());
    }

    @Test
    void mismatchedClassFoldersAndBadImagesNameTheFile() throws IOException {
        UserDataFixtures.writePngFolder(tmp.resolve("m/train"), 3, 2, 4, 1, false);
        UserDataFixtures.writePngFolder(tmp.resolve("m/test"), 2, 2, 4, 1, false);
        DataFormatException e = assertThrows(DataFormatException.class, () -> resolve("m").splits());
        assertTrue(e.getMessage().startsWith(tmp.resolve("m/test") + ": has the class folders [class0, class1]"),
                e.getMessage());
        UserDataFixtures.writePngFolder(tmp.resolve("m/test"), 3, 2, 4, 1, false);
        Path bad = tmp.resolve("m/train/class1/001.png");
        byte[] png = Files.readAllBytes(bad);
        Files.write(bad, java.util.Arrays.copyOf(png, png.length - 5));
        DataFormatException cut = assertThrows(DataFormatException.class, () -> resolve("m").splits());
        assertTrue(cut.getMessage().startsWith(bad + " at byte offset"), cut.getMessage());
        assertTrue(cut.getMessage().contains("truncated PNG"), cut.getMessage());
    }

    @Test
    void imagesOfOtherSizesAreResizedToTheFirstOne() throws IOException {
        UserDataFixtures.writePngFolder(tmp.resolve("mixed/a"), 1, 1, 8, 1, false);
        UserDataFixtures.writePngFolder(tmp.resolve("mixed/b"), 1, 2, 16, 2, false);
        Files.move(tmp.resolve("mixed/a/class0"), tmp.resolve("mixed/class0"));
        Files.move(tmp.resolve("mixed/b/class0"), tmp.resolve("mixed/class1"));
        Files.delete(tmp.resolve("mixed/a"));
        Files.delete(tmp.resolve("mixed/b"));
        Dataset all = resolve("mixed").evaluationSet();
        assertArrayEquals(new int[] {1, 8, 8}, shape(all));
        assertEquals(3, all.count());
        assertEquals(List.of("class0", "class1"), all.classNames());
    }

    private static int[] shape(Dataset d) {
        return new int[] {d.channels(), d.height(), d.width()};
    }
}
