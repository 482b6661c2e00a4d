package io.dot4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        Path p = dir.resolve("data.csv");
        Files.writeString(p, text);
        return p;
    }

    private void assertError(CsvReader reader, String text, String... parts) throws IOException {
        Path f = csv(text);
        DataFormatException e = assertThrows(DataFormatException.class, () -> reader.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "expected '" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void readsLinesWithoutHeaderAndInfersASquareShape() throws IOException {
        Dataset d = new CsvReader().read(csv("3,0,1,2,255\n7, 10 ,11,12,13\n"));
        assertEquals(2, d.count());
        assertEquals(1, d.channels());
        assertEquals(2, d.height());
        assertEquals(2, d.width());
        assertArrayEquals(new int[]{3, 7}, d.labels());
        assertArrayEquals(new byte[]{0, 1, 2, (byte) 255, 10, 11, 12, 13}, d.copyPixels());
        assertEquals("data.csv", d.name());
    }

    @Test
    void skipsADetectedHeaderBlankLinesAndABom() throws IOException {
        Dataset d = new CsvReader().read(csv("\uFEFFlabel,p1,p2,p3\n1,4,5,6\n\n2,7,8,9\n"));
        assertEquals(2, d.count());
        assertEquals(1, d.height());
        assertEquals(3, d.width());
        assertArrayEquals(new int[]{1, 2}, d.labels());
        assertArrayEquals(new byte[]{4, 5, 6, 7, 8, 9}, d.copyPixels());
    }

    @Test
    void honoursLabelColumnClassesAndShape() throws IOException {
        CsvReader reader = new CsvReader().labelColumn(2).numClasses(20).shape(2, 1, 2);
        Dataset d = reader.read(csv("1,2,15,3,4\n5,6,0,7,8\n"));
        assertArrayEquals(new int[]{15, 0}, d.labels());
        assertEquals(2, d.channels());
        assertEquals(20, d.numClasses());
        assertArrayEquals(new byte[]{1, 2, 3, 4, 5, 6, 7, 8}, d.copyPixels());
        assertError(new CsvReader().shape(1, 3, 3), "1,2,3\n", "line 1", "2 pixel columns", "needs 9");
    }

    @Test
    void rejectsNonNumericCells() throws IOException {
        assertError(new CsvReader(), "1,2,3\n4,x,6\n", "line 2, column 2", "\"x\"", "not an integer");
        assertError(new CsvReader(), "1,2,3\n4,5.5,6\n", "line 2, column 2", "5.5");
        // a header is only recognised on the first line
        assertError(new CsvReader(), "1,2,3\nlabel,a,b\n", "line 2, column 1");
    }

    @Test
    void rejectsWrongColumnCounts() throws IOException {
        assertError(new CsvReader(), "1,2,3\n4,5\n", "line 2", "2 columns, expected 3");
        assertError(new CsvReader(), "l,a,b\n1,2,3\n4,5,6,7\n", "line 3", "4 columns, expected 3");
        assertError(new CsvReader().labelColumn(5), "1,2,3\n", "line 1", "label column 6");
    }

    @Test
    void rejectsOutOfRangeValues() throws IOException {
        assertError(new CsvReader(), "1,2,3\n4,256,6\n", "line 2, column 2", "pixel value 256", "0..255");
        assertError(new CsvReader(), "1,-1,3\n", "line 1, column 2", "pixel value -1");
        assertError(new CsvReader(), "1,2,3\n10,5,6\n", "line 2, column 1", "label 10", "0..9");
        assertError(new CsvReader().numClasses(2), "2,5,6\n", "line 1, column 1", "label 2", "0..1");
        assertError(new CsvReader(), "-1,5,6\n", "line 1, column 1", "label -1");
    }

    @Test
    void rejectsEmptyFiles() throws IOException {
        assertError(new CsvReader(), "", "is empty");
        assertError(new CsvReader(), "\n  \n", "is empty");
        assertError(new CsvReader(), "label,a,b\n", "header but no data");
    }
}
