package io.dot4j.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * Stops training when a reported value (e.g. "test/accuracy", maximized) has not improved by more than
 * {@code minDelta} for {@code patience} consecutive checks. Runs after the evaluator and before the checkpointer, so
 * the final checkpoint records the stop.
 */
public final class EarlyStopping implements Extension {
    private final String key;
    private final boolean maximize;
    private final int patience;
    private final double minDelta;
    private final Trigger trigger;
    private double best = Double.NaN;
    private int bad;

    public EarlyStopping(String key, boolean maximize, int patience, double minDelta, Trigger trigger) {
        this.key = Objects.requireNonNull(key, "key");
        if (patience < 1 || !(minDelta >= 0)) {
            throw new IllegalArgumentException("early stopping: expected patience >= 1 and minDelta >= 0, actual patience=" + patience
                    + " minDelta=" + minDelta);
        }
        this.maximize = maximize;
        this.patience = patience;
        this.minDelta = minDelta;
        this.trigger = Objects.requireNonNull(trigger, "trigger");
    }

    @Override
    public String name() {
        return "early-stopping";
    }

    @Override
    public Trigger trigger() {
        return trigger;
    }

    @Override
    public int priority() {
        return PRIORITY_EDITOR;
    }

    @Override
    public void run(Trainer t) {
        Double v = t.observation().get(key);
        if (v == null) {
            throw new IllegalStateException("early stopping: no value '" + key + "' was reported at iteration " + t.iteration()
                    + "; is an evaluator running on the same trigger? reported: " + t.observation().keySet());
        }
        boolean improved = Double.isNaN(best) || (maximize ? v > best + minDelta : v < best - minDelta);
        if (improved) {
            best = v;
            bad = 0;
        } else if (++bad >= patience) {
            t.stop();
        }
    }

    public double best() {
        return best;
    }

    @Override
    public JsonNode saveState() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("bestBits", Double.doubleToRawLongBits(best));
        n.put("bad", bad);
        return n;
    }

    @Override
    public void loadState(JsonNode s) {
        best = Double.longBitsToDouble(s.path("bestBits").asLong());
        bad = s.path("bad").asInt();
    }
}
