package io.dot4j.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.io.InputFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX and CSV files that are corrupt or not files at all: each refused with the file and where in it. */
class HostileDataFilesTest {

    @Test
    void corruptGzipNamesTheOffsetWhereTheStreamBroke(@TempDir Path dir) throws Exception {
        byte[] pixels = new byte[50 * 20 * 20];
        new Random(1).nextBytes(pixels); // incompressible, so the damage lands inside the data
        byte[] gz = TestData.gzip(TestData.idx(0x00000803, new int[] {50, 20, 20}, pixels));
        for (int i = gz.length / 2; i < gz.length / 2 + 64; i++) {
            gz[i] ^= (byte) 0x5a;
        }
        Path f = Files.write(dir.resolve("images.idx.gz"), gz);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().startsWith(f + " at uncompressed byte offset "), e.getMessage());
        assertTrue(e.getMessage().contains(": corrupt or truncated gzip stream ("), e.getMessage());
        assertTrue(!e.getMessage().endsWith("null)"), e.getMessage());
    }

    @Test
    void fifosAndFoldersAreRefusedBeforeOpening(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("labels.idx");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThrows(InputFileException.class, () -> IdxReader.readLabels(fifo, 10));
            assertThrows(InputFileException.class, () -> new CsvReader().read(fifo));
        });
        InputFileException e = assertThrows(InputFileException.class, () -> IdxReader.readImages(dir));
        assertEquals(dir + ": is a directory, expected a file", e.getMessage());
    }

    @Test
    void invalidUtf8InCsvNamesTheLine(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("d.csv"), new byte[] {'1', ',', '2', '\n', '3', ',', (byte) 0xff, '\n'});
        DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvReader().read(f));
        assertTrue(e.getMessage().startsWith(f + " at line 1 or after: is not UTF-8 text (a malformed sequence of 1 byte(s))"),
                e.getMessage());
    }

    @Test
    void aGzipHeaderCutShortSaysSoInsteadOfNull(@TempDir Path dir) throws Exception {
        // found by the mutation fuzzer (fuzz/.../idx/crash-gzip-header-eof): EOFException has no message
        Path f = Files.write(dir.resolve("cut.idx"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0});
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(f));
        assertEquals(f + " at byte offset 0: corrupt gzip header: the file ends inside it", e.getMessage());
    }
}
