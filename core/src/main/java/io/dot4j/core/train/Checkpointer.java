package io.dot4j.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Saves the complete training state (see {@link Checkpoint}) when its trigger fires and once more at the end of
 * training (unless that iteration was just saved). Each write replaces {@code dir/checkpoint.ckpt} atomically; with
 * {@code keepAll} a copy per epoch is kept as {@code checkpoint-epoch-NNN.ckpt} too.
 */
public final class Checkpointer implements Extension {
    public static final String LATEST = "checkpoint.ckpt";

    private final Path dir;
    private final Trigger trigger;
    private final boolean keepAll;
    private long lastSaved = -1;

    public Checkpointer(Path dir, Trigger trigger, boolean keepAll) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        this.keepAll = keepAll;
    }

    @Override
    public String name() {
        return "checkpointer";
    }

    @Override
    public Trigger trigger() {
        return trigger;
    }

    @Override
    public int priority() {
        return PRIORITY_CHECKPOINT;
    }

    @Override
    public void run(Trainer t) {
        save(t);
    }

    @Override
    public void finish(Trainer t) {
        if (lastSaved != t.iteration()) {
            save(t);
        }
    }

    private void save(Trainer t) {
        try {
            Checkpoint.save(latest(), t);
            if (keepAll) {
                Checkpoint.save(dir.resolve(String.format(Locale.ROOT, "checkpoint-epoch-%03d.ckpt", t.epoch())), t);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint to " + dir, e);
        }
        lastSaved = t.iteration();
    }

    /** The file always holding the most recent checkpoint. */
    public Path latest() {
        return dir.resolve(LATEST);
    }
}
