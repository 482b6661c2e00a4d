package io.dot4j.core.train;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Something the {@link Trainer} calls around the training loop (Chainer's extensions). After every update the
 * trainer calls {@link #observe} on each extension, then {@link #run} on those whose trigger fires, in descending
 * {@link #priority()} (ties: registration order), so that evaluation results exist before they are logged, and the
 * checkpoint comes last.
 *
 * <p>An extension with state that must survive a resume (accumulators, history, best value) returns it from
 * {@link #saveState()}; checkpoints store it under {@link #name()}.
 */
public interface Extension {
    int PRIORITY_EVALUATOR = 300;
    int PRIORITY_EDITOR = 250;
    int PRIORITY_WRITER = 200;
    int PRIORITY_READER = 100;
    int PRIORITY_CHECKPOINT = 0;

    /** A name unique within one trainer (state key in checkpoints). */
    String name();

    Trigger trigger();

    default int priority() {
        return PRIORITY_READER;
    }

    /** Called once before the first iteration of {@link Trainer#run()} (after any resume). */
    default void initialize(Trainer trainer) {
    }

    /** Called after every update with the trainer's current observation. */
    default void observe(Trainer trainer) {
    }

    /** Called when the trigger fires. */
    void run(Trainer trainer);

    /** Called once when training ends normally (all epochs or a stop request). */
    default void finish(Trainer trainer) {
    }

    /** State to restore on resume, or null. */
    default JsonNode saveState() {
        return null;
    }

    default void loadState(JsonNode state) {
    }
}
