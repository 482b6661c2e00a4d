package io.dot4j.cli.train;

import io.dot4j.cli.UserError;
import io.dot4j.cli.data.DatasetLocation;
import io.dot4j.core.data.Dataset;

import java.io.IOException;
import java.nio.file.Path;

/** Loads a split of a data set (a cached known one or a folder of IDX files), optionally only its first images. */
final class DataSets {
    private DataSets() {
    }

    static Dataset load(Path cacheRoot, String name, String split, int limit) throws IOException {
        Dataset d = DatasetLocation.resolve(name, cacheRoot, 10).load(split);
        if (limit < 0) {
            throw new UserError("expected a limit >= 1, actual " + limit);
        }
        return limit > 0 && limit < d.count() ? d.slice(0, limit) : d;
    }
}
