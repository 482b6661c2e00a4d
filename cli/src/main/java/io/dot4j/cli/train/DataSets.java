package io.dot4j.cli.train;

import io.dot4j.cli.UserError;
import io.dot4j.cli.data.KnownDatasets;
import io.dot4j.cli.data.KnownDatasets.KnownDataset;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.data.IdxDatasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a split of a known data set from the cache for the train and eval commands, with its class names. */
final class DataSets {
    private DataSets() {
    }

    static Dataset load(Path cacheRoot, String name, String split, int limit) throws IOException {
        KnownDataset known = KnownDatasets.find(name).orElseThrow(() -> new UserError("unknown data set '" + name
                + "': expected one of " + KnownDatasets.names()));
        Path dir = cacheRoot.resolve(known.name());
        if (!Files.isDirectory(dir)) {
            throw new UserError(name + " is not in the cache (" + dir + "); run `dot4j data fetch " + name + "`");
        }
        Dataset d = IdxDatasets.load(dir, split, known.classNames().size()).withNames(known.name() + "/" + split,
                known.classNames());
        if (limit < 0) {
            throw new UserError("expected a limit >= 1, actual " + limit);
        }
        return limit > 0 && limit < d.count() ? d.slice(0, limit) : d;
    }
}
