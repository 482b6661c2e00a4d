package io.dot4j.quant.recipes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dot4j.core.data.DataSource;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.data.SeededSplit;
import io.dot4j.quant.network.NetworkSpec;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A recipe's data: its {@code "dataset"} loaded through {@link DataSource}, and the recipe fitted to that data. */
public final class RecipeData {
    private RecipeData() {
    }

    /**
     * Loads the recipe's data set (a named set from {@code cacheRoot} or a path: {@link DataSource}), limits applied.
     * A layer list's stated {@code "input"} fixes the shape: image folders are converted to it, other data must match.
     */
    public static Dataset[] load(Recipe r, Path cacheRoot) throws IOException {
        int[] shape = r.network() != null && r.json().has("input")
                ? new int[] {r.network().channels(), r.network().height(), r.network().width()} : null;
        DataSource source;
        try {
            source = DataSource.resolve(r.dataset(), r.dir() == null ? null : Path.of(r.dir()), cacheRoot);
        } catch (NoSuchFileException e) {
            throw new RecipeException(r.source() + ": dataset: " + e.getFile() + ": " + e.getReason(), e);
        }
        SeededSplit.Splits splits = source.expecting(0, shape).splits();
        Dataset train = splits.train();
        Dataset test = splits.test();
        if (r.trainLimit() > 0 && r.trainLimit() < train.count()) {
            train = train.slice(0, r.trainLimit());
        }
        if (r.testLimit() > 0 && r.testLimit() < test.count()) {
            test = test.slice(0, r.testLimit());
        }
        return new Dataset[] {train, test};
    }

    /**
     * The recipe fitted to its data: a layer list without {@code "input"} takes the data's shape (the recipe is read
     * again with it, so the layers are checked at that shape and the checkpoint's recipe states it) when it differs
     * from the default 1x28x28; anything else is returned as it is.
     */
    public static Recipe fittedTo(Recipe r, Dataset train) {
        NetworkSpec n = r.network();
        if (n == null || r.json().has("input")
                || (n.channels() == train.channels() && n.height() == train.height() && n.width() == train.width())) {
            return r;
        }
        ObjectNode json = r.json().deepCopy();
        json.putArray("input").add(train.channels()).add(train.height()).add(train.width());
        return RecipeParser.fromJson(json, r.source(), r.dir() == null ? null : Path.of(r.dir()));
    }
}
