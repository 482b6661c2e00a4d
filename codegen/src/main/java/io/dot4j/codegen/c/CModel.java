package io.dot4j.codegen.c;

import io.dot4j.runtime.ir.IntModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model as C99: {@code dot4j_model.h} and {@code dot4j_model.c} for one target, and the RAM plan they follow.
 * Entry point: {@code int dot4j_predict(const uint8_t *pixels, int32_t *scores)}.
 */
public record CModel(String header, String source, StreamPlan plan, Target target) {

    public static final String HEADER = "dot4j_model.h";
    public static final String SOURCE = "dot4j_model.c";

    /** Generates the C of {@code model} for {@code target}. */
    public static CModel generate(IntModel model, Target target) {
        return generate(model, target, target.popcount());
    }

    /** As {@link #generate(IntModel, Target)} with a chosen popcount form (to compare their costs). */
    public static CModel generate(IntModel model, Target target, Popcount popcount) {
        if (model == null || target == null || popcount == null) {
            throw new IllegalArgumentException("model, target and popcount are required");
        }
        StreamPlan plan = StreamPlan.of(model);
        return new CModel(ModelSource.header(model), ModelSource.source(plan, popcount), plan, target);
    }

    /** Writes the two files into {@code dir} (created if missing). */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(HEADER), header, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(SOURCE), source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }
}
