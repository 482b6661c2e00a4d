package io.dot4j.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempSiblingTest {

    @TempDir
    Path dir;

    @Test
    void createsDistinctHiddenEmptyFilesNextToTheTarget() throws IOException {
        Path target = dir.resolve("train-images-idx3-ubyte");
        Path a = TempSibling.create(target);
        Path b = TempSibling.create(target);
        assertNotEquals(a, b);
        assertEquals(dir, a.getParent());
        assertTrue(a.getFileName().toString().startsWith(".train-images-idx3-ubyte."), a.toString());
        assertEquals(0, Files.size(a));
    }

    @Test
    void idxWriterLeavesOnlyTheFinalFile() throws IOException {
        IdxWriter.writeImages(dir.resolve("images"), TestData.random(1, 2, 2, 2, 10), true);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("images")), s.toList());
        }
    }

    @Test
    void atomicWritesRemoveThePartFilesOfDeadWritersOfTheSameTarget() throws Exception {
        Path target = dir.resolve("checkpoint.ckpt");
        Path own = TempSibling.create(target);
        String host = own.getFileName().toString().split("\\.")[3].split("-")[0];
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path stale = Files.createFile(dir.resolve(".checkpoint.ckpt." + host + "-" + p.pid() + "-1f.part"));
        io.dot4j.core.io.AtomicFiles.write(target, new byte[] {1, 2});
        assertTrue(!Files.exists(stale), "a dead writer's part file is removed");
        assertTrue(Files.exists(own), "this process's own part file stays");
        assertEquals(2, Files.size(target));
    }
}
