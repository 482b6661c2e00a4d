package io.dot4j.core.data;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A new empty hidden file next to a target, for writing then atomically renaming onto the target. Unlike
 * {@link Files#createTempFile}, which makes owner-only files, it gets the usual permissions (umask), so the renamed
 * file looks like any other file the user writes.
 */
public final class TempSibling {

    private TempSibling() {
    }

    /** Creates {@code .<name>.<random>.part} in the target's folder and returns it. */
    public static Path create(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + target.getFileName() + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }
}
