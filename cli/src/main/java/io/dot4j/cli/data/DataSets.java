package io.dot4j.cli.data;

import io.dot4j.cli.UserError;
import io.dot4j.core.data.DataSource;
import io.dot4j.core.data.Dataset;
import io.dot4j.runtime.ir.IntModel;
import java.io.IOException;
import java.nio.file.Path;

/** The command line's way to {@link DataSource}: a --data value resolved against the working directory. */
public final class DataSets {
    private DataSets() {
    }

    /** Resolves a --data value (a named set in {@code cacheRoot}, or a path). */
    public static DataSource resolve(String ref, Path cacheRoot) throws IOException {
        return DataSource.resolve(ref, null, cacheRoot);
    }

    /** The set to evaluate {@code model} on: its classes and input shape fixed, so image folders are converted. */
    public static Dataset evaluationSet(String ref, Path cacheRoot, IntModel model, int limit) throws IOException {
        var in = model.input();
        Dataset d = resolve(ref, cacheRoot).expecting(model.numClasses(), new int[] {in.channels(), in.height(), in.width()})
                .evaluationSet();
        return first(d, limit);
    }

    /** The first {@code limit} images (0: all). */
    public static Dataset first(Dataset d, int limit) {
        if (limit < 0) {
            throw new UserError("expected a limit >= 0 (0: all), actual " + limit);
        }
        return limit > 0 && limit < d.count() ? d.slice(0, limit) : d;
    }
}
