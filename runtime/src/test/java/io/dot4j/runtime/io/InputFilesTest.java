package io.dot4j.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.format.ModelReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {

    /** A named pipe: opening it for reading would block until a writer comes. */
    public static Path fifo(Path dir) throws Exception {
        Path f = dir.resolve("pipe.dot4j");
        Process p = new ProcessBuilder("mkfifo", f.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        return f;
    }

    @Test
    void foldersFifosAndDevicesAreRefusedWithoutOpeningThem(@TempDir Path dir) throws Exception {
        Path fifo = fifo(dir);
        InputFileException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(InputFileException.class, () -> ModelReader.read(fifo)));
        assertEquals(fifo + ": is not a regular file (a FIFO, socket or device); dot4j reads only regular files", e.getMessage());
        e = assertThrows(InputFileException.class, () -> InputFiles.readAllBytes(Path.of("/dev/zero"), 100));
        assertTrue(e.getMessage().startsWith("/dev/zero: is not a regular file"), e.getMessage());
        e = assertThrows(InputFileException.class, () -> ModelReader.hasMagic(dir));
        assertEquals(dir + ": is a directory, expected a file", e.getMessage());
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> InputFiles.requireRegular(dir.resolve("no")));
        assertEquals(dir.resolve("no").toString(), missing.getFile());
    }

    @Test
    void readsAreBounded(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("r.json"), new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, InputFiles.readAllBytes(f, 3));
        InputFileException e = assertThrows(InputFileException.class, () -> InputFiles.readAllBytes(f, 2));
        assertEquals(f + ": is 3 bytes, more than the 2 bytes expected of it", e.getMessage());
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), f);
        assertArrayEquals(new byte[] {1, 2, 3}, InputFiles.readAllBytes(link, 3)); // a link to a regular file is one
    }
}
