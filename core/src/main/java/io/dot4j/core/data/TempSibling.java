package io.dot4j.core.data;

import io.dot4j.runtime.io.PartFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A new empty hidden file next to a target, for writing then atomically renaming onto the target: see
 * {@link PartFiles}, which names it after this process and removes the leftovers of writers that were killed.
 */
public final class TempSibling {

    private TempSibling() {
    }

    /** Creates {@code .<name>.<host>-<pid>-<random>.part} in the target's folder and returns it. */
    public static Path create(Path target) throws IOException {
        return PartFiles.create(target);
    }
}
