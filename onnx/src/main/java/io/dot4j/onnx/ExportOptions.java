package io.dot4j.onnx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the exporter needs beyond the module: the per-image input shape (the graph input is float
 * [N, channels, height, width] with a symbolic batch N, holding the same normalized values dot4j's forward takes),
 * whether to add a "probabilities" output (Softmax over the "logits"), and metadata_props entries to record.
 */
public record ExportOptions(int channels, int height, int width, boolean softmax, Map<String, String> metadata) {
    public ExportOptions {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("export: expected an input shape with channels, height, width >= 1, actual "
                    + channels + "x" + height + "x" + width);
        }
        Objects.requireNonNull(metadata, "metadata");
        for (var e : metadata.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
                throw new IllegalArgumentException("export: metadata needs non-empty keys and non-null values, actual "
                        + e.getKey() + "=" + e.getValue());
            }
        }
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** Logits only, no metadata, for images of the given shape. */
    public static ExportOptions image(int channels, int height, int width) {
        return new ExportOptions(channels, height, width, false, Map.of());
    }

    public ExportOptions withSoftmax(boolean on) {
        return new ExportOptions(channels, height, width, on, metadata);
    }

    /** A copy with one more metadata entry (replacing an entry of the same key). */
    public ExportOptions withMetadata(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        m.put(key, value);
        return new ExportOptions(channels, height, width, softmax, m);
    }
}
