package io.dot4j.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the real data sets live: {@code <root>/mnist/} (four raw IDX files) and {@code <root>/fashion-mnist/} (four
 * .gz IDX files). The root is the system property {@code DOT4J_CACHE}, else the environment variable
 * {@code DOT4J_CACHE}, else {@code ~/.cache/dot4j}. {@code dot4j data fetch} fills it.
 */
public final class DataCache {

    public static final String VARIABLE = "DOT4J_CACHE";

    private DataCache() {
    }

    /** The cache root from the system property, the environment, or the default {@code ~/.cache/dot4j}. */
    public static Path root() {
        String prop = System.getProperty(VARIABLE);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv(VARIABLE);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "dot4j");
    }

    /**
     * Loads split "train" or "test" of a cached set ("mnist", "fashion-mnist") from the default root.
     *
     * @throws java.nio.file.NoSuchFileException with a hint to run {@code dot4j data fetch} when it is missing
     */
    public static Dataset load(String name, String split) throws IOException {
        return load(root(), name, split);
    }

    /** Loads split "train" or "test" of a cached set from the given root, with its class names from {@link NamedDatasets}. */
    public static Dataset load(Path root, String name, String split) throws IOException {
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(dir.toString(), null, "data set " + name
                    + " is not in the cache; run `dot4j data fetch " + name + "` (or set " + VARIABLE + ")");
        }
        List<String> classNames = NamedDatasets.find(name).map(NamedDatasets.NamedDataset::classNames)
                .orElse(Dataset.defaultClassNames(10));
        return IdxDatasets.load(dir, split, classNames.size()).withNames(name + "/" + split, classNames);
    }
}
