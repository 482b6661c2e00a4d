package io.dot4j.cli.data;

import io.dot4j.core.data.DataCache;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --cache DIR} option shared by the data commands. */
public final class CacheOption {

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Data cache folder (default: $DOT4J_CACHE, else ~/.cache/dot4j).")
    Path cache;

    /** The chosen cache root. */
    public Path root() {
        return cache != null ? cache : DataCache.root();
    }
}
