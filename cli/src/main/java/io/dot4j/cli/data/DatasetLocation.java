package io.dot4j.cli.data;

import io.dot4j.cli.UserError;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.data.IdxDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a data set named on the command line lives: a known name ({@code mnist}, {@code fashion-mnist}) in the
 * cache, or a folder of IDX files. Every command that takes {@code --data NAME} resolves it here.
 */
public record DatasetLocation(String name, Path dir, List<String> classNames) {

    /** Resolves NAME against the cache root; a folder needs {@code classes} to know the label range. */
    public static DatasetLocation resolve(String name, Path cacheRoot, int classes) {
        Optional<KnownDatasets.KnownDataset> known = KnownDatasets.find(name);
        if (known.isPresent()) {
            Path dir = cacheRoot.resolve(known.get().name());
            if (!Files.isDirectory(dir)) {
                throw new UserError(name + " is not in the cache (" + dir + "); run `dot4j data fetch " + name + "`");
            }
            return new DatasetLocation(name, dir, known.get().classNames());
        }
        Path dir = Path.of(name);
        if (!Files.isDirectory(dir)) {
            throw new UserError("unknown data set '" + name + "': expected " + KnownDatasets.names()
                    + " or a folder holding IDX files");
        }
        return new DatasetLocation(name, dir, Dataset.defaultClassNames(classes));
    }

    /** Loads one split ("train" or "test"), validated in full, named "NAME/split" and with the class names. */
    public Dataset load(String split) throws IOException {
        return IdxDatasets.load(dir, split, classNames.size()).withNames(name + "/" + split, classNames);
    }
}
