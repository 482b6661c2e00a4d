package io.dot4j.core.train;

import io.dot4j.core.io.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Appends one JSON object per trigger to a JSON-lines file: epoch, iteration, loss and accuracy (means over the
 * period, weighted by batch size), test_accuracy and test_loss (if an evaluator reported them this iteration), lr,
 * images_per_s, elapsed_s. A fresh run starts a new file; a resumed run keeps the lines up to the checkpoint's
 * iteration (dropping any written after it by the interrupted run) and continues.
 */
public final class JsonLogExtension implements Extension {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Trigger trigger;
    private final MeanAccumulator mean = new MeanAccumulator();
    private final List<ObjectNode> entries = new ArrayList<>();

    public JsonLogExtension(Path file, Trigger trigger) {
        this.file = Objects.requireNonNull(file, "file");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public Trigger trigger() {
        return trigger;
    }

    @Override
    public int priority() {
        return PRIORITY_WRITER;
    }

    @Override
    public void initialize(Trainer trainer) {
        StringBuilder kept = new StringBuilder();
        entries.clear();
        try {
            if (trainer.iteration() > 0 && Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode n = JSON.readTree(line);
                    if (n instanceof ObjectNode o && o.path("iteration").asLong(Long.MAX_VALUE) <= trainer.iteration()) {
                        entries.add(o);
                        kept.append(line).append('\n');
                    }
                }
            }
            AtomicFiles.write(file, kept.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot prepare the training log", e);
        }
        mean.startClock();
    }

    @Override
    public void observe(Trainer trainer) {
        mean.add(trainer);
    }

    @Override
    public void run(Trainer t) {
        ObjectNode e = JSON.createObjectNode();
        e.put("epoch", t.epoch());
        e.put("iteration", t.iteration());
        e.put("loss", mean.loss());
        e.put("accuracy", mean.accuracy());
        Double ta = t.observation().get("test/accuracy");
        if (ta != null) {
            e.put("test_accuracy", ta);
            e.put("test_loss", t.observation().get("test/loss"));
        }
        e.put("lr", t.optimizer().lastLr());
        e.put("images_per_s", mean.imagesPerSecond());
        e.put("elapsed_s", t.elapsedSeconds());
        mean.reset();
        entries.add(e);
        try {
            Files.write(file, (JSON.writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException ex) {
            throw new UncheckedIOException(file + ": cannot append to the training log", ex);
        }
    }

    /** The entries written so far (including those kept from before a resume). */
    public List<ObjectNode> entries() {
        return List.copyOf(entries);
    }

    @Override
    public JsonNode saveState() {
        return mean.save();
    }

    @Override
    public void loadState(JsonNode state) {
        mean.load(state);
    }
}
