package io.dot4j.cli.data;

import io.dot4j.core.data.NamedDatasets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.cli.CliRun;
import io.dot4j.core.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {

    @TempDir
    Path tmp;

    private static void assertDescribes(String out, String split, Dataset d) {
        assertDescribes(out, split, d, Dataset.defaultClassNames(10));
    }

    /** The split's summary line, then one line per class: "class LABEL [NAME]  COUNT  SHARE%". */
    private static void assertDescribes(String out, String split, Dataset d, List<String> names) {
        String head = String.format(Locale.ROOT, "%s: %d images, shape 1x%dx%d (CxHxW), 10 classes, pixel mean %.3f",
                split, d.count(), d.height(), d.width(), d.pixelMean());
        assertTrue(out.contains(head), () -> "expected '" + head + "' in:\n" + out);
        int[] counts = d.classCounts();
        String section = out.substring(out.indexOf(head));
        for (int c = 0; c < 10; c++) {
            String label = names.get(c).equals(Integer.toString(c)) ? Integer.toString(c) : c + " " + names.get(c);
            Pattern line = Pattern.compile("(?m)^  class " + Pattern.quote(label) + " +" + counts[c] + " +"
                    + String.format(Locale.ROOT, "%.2f", 100.0 * counts[c] / d.count()) + "%$");
            assertTrue(line.matcher(section).find(), () -> "expected '" + line + "' in:\n" + out);
        }
    }

    @Test
    void describesAFolderOfIdxFiles() throws IOException {
        Dataset train = DataCliFixtures.random(1, 40, 3, 4);
        Dataset test = DataCliFixtures.random(2, 9, 3, 4);
        Path dir = tmp.resolve("tiny");
        DataCliFixtures.writeIdxFolder(dir, train, test, false);
        CliRun run = CliRun.of("data", "info", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertDescribes(run.out(), "train", train);
        assertDescribes(run.out(), "test", test);
    }

    @Test
    void findsKnownSetsInTheCacheAndNamesTheirClasses() throws IOException {
        Dataset train = DataCliFixtures.random(3, 20, 2, 2);
        Dataset test = DataCliFixtures.random(4, 5, 2, 2);
        DataCliFixtures.writeIdxFolder(tmp.resolve("fashion-mnist"), train, test, true);
        CliRun run = CliRun.of("data", "info", "fashion-mnist", "--cache", tmp.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertDescribes(run.out(), "train", train, NamedDatasets.FASHION_MNIST.classNames());
        assertDescribes(run.out(), "test", test, NamedDatasets.FASHION_MNIST.classNames());
    }

    @Test
    void unknownNameOrMissingCacheIsAOneLineError() {
        CliRun unknown = CliRun.of("data", "info", tmp.resolve("nope").toString());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("dot4j: " + tmp.resolve("nope") + ": unknown data set '" + tmp.resolve("nope") + "'"), unknown.err());
        CliRun missing = CliRun.of("data", "info", "mnist", "--cache", tmp.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("dot4j data fetch mnist"), missing.err());
    }

    @Test
    void corruptFileIsReportedWithoutAStackTrace() throws IOException {
        Path dir = tmp.resolve("bad");
        DataCliFixtures.writeIdxFolder(dir, DataCliFixtures.random(5, 4, 2, 2), DataCliFixtures.random(6, 4, 2, 2),
                false);
        Path labels = dir.resolve("t10k-labels-idx1-ubyte");
        byte[] bytes = Files.readAllBytes(labels);
        bytes[9] = 42; // label of item 1
        Files.write(labels, bytes);
        CliRun run = CliRun.of("data", "info", dir.toString());
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertEquals("", run.out(), "no half report before the error");
        assertTrue(run.err().startsWith("dot4j: " + labels + " at byte offset 9: label 42 implies 43 classes"), run.err());
        CliRun ten = CliRun.of("data", "info", dir.toString(), "--classes", "10");
        assertEquals(2, ten.exitCode());
        assertTrue(ten.err().startsWith("dot4j: " + labels + " at byte offset 9: label 42"), ten.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }
}
