package io.dot4j.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Batch-size-weighted means of the training loss and accuracy since the last reset, plus the image count and the
 * wall time of the period (for images per second). Its sums go into checkpoints so a resumed run reports the same means.
 */
final class MeanAccumulator {
    private double lossSum;
    private double accuracySum;
    private long images;
    private double seconds;
    private long lastNanos;

    void add(Trainer t) {
        double b = t.observation().getOrDefault("batch", 0.0);
        lossSum += t.observation().getOrDefault("loss", Double.NaN) * b;
        accuracySum += t.observation().getOrDefault("accuracy", Double.NaN) * b;
        images += (long) b;
        long now = System.nanoTime();
        if (lastNanos != 0) {
            seconds += (now - lastNanos) / 1e9;
        }
        lastNanos = now;
    }

    /** Marks the start of timing (at initialization, so the first batch is timed too). */
    void startClock() {
        lastNanos = System.nanoTime();
    }

    double loss() {
        return images == 0 ? Double.NaN : lossSum / images;
    }

    double accuracy() {
        return images == 0 ? Double.NaN : accuracySum / images;
    }

    double imagesPerSecond() {
        return seconds <= 0 ? Double.NaN : images / seconds;
    }

    long images() {
        return images;
    }

    void reset() {
        lossSum = 0;
        accuracySum = 0;
        images = 0;
        seconds = 0;
    }

    JsonNode save() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("lossSumBits", Double.doubleToRawLongBits(lossSum));
        n.put("accuracySumBits", Double.doubleToRawLongBits(accuracySum));
        n.put("images", images);
        return n;
    }

    void load(JsonNode n) {
        lossSum = Double.longBitsToDouble(n.path("lossSumBits").asLong());
        accuracySum = Double.longBitsToDouble(n.path("accuracySumBits").asLong());
        images = n.path("images").asLong();
        seconds = 0;
    }
}
