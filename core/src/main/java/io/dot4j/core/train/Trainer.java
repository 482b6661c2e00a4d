package io.dot4j.core.train;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dot4j.core.autograd.NoGrad;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.nn.Module;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.optim.Optimizer;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.core.zoo.ModelSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the training loop: for each batch of the iterator, forward, loss (softmax cross-entropy unless
 * {@link #setLoss} gives another), backward, finiteness checks, optimizer update, then the extensions; until
 * {@code maxEpochs} epochs are complete or an extension calls {@link #stop()}.
 *
 * <p>Observations of the current iteration ({@link #observation()}): "loss", "accuracy" (of this batch, before the
 * update), "lr", "batch"; extensions add their own with {@link #report} (e.g. the evaluator's "test/accuracy").
 *
 * <p>Determinism: every random choice comes from seeded generators whose states are in the checkpoint (iterator,
 * dropout), and every kernel sums in an order fixed by the thread count, so the weights depend only on the seed and
 * the thread count; resuming from a checkpoint continues bit for bit.
 */
public final class Trainer {
    private final Module model;
    private final Optimizer optimizer;
    private final BatchIterator iterator;
    private final int maxEpochs;
    private final List<Extension> extensions = new ArrayList<>();
    private final Map<String, Double> observation = new LinkedHashMap<>();
    private ModelSpec spec;
    private ObjectNode config = JsonNodeFactory.instance.objectNode();
    private ObjectNode checkpointMeta = JsonNodeFactory.instance.objectNode();
    private Loss loss = Loss.SOFTMAX_CROSS_ENTROPY;
    private long iteration;
    private boolean epochEnd;
    private boolean stopRequested;
    private double elapsedBefore;
    private long startNanos;

    public Trainer(Module model, Optimizer optimizer, BatchIterator iterator, int maxEpochs) {
        this.model = Objects.requireNonNull(model, "model");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.iterator = Objects.requireNonNull(iterator, "iterator");
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("trainer: expected maxEpochs >= 1, actual " + maxEpochs);
        }
        this.maxEpochs = maxEpochs;
    }

    /** Adds an extension; names must be unique. */
    public Trainer extend(Extension e) {
        for (Extension x : extensions) {
            if (x.name().equals(e.name())) {
                throw new IllegalArgumentException("trainer: an extension named '" + e.name() + "' is already registered");
            }
        }
        extensions.add(e);
        return this;
    }

    /** Records how the model was built (zoo name + arguments) so checkpoints can rebuild it. */
    public Trainer setModelSpec(ModelSpec spec) {
        this.spec = spec;
        return this;
    }

    /** Free-form run settings (command-line options) stored in checkpoints. */
    public Trainer setConfig(ObjectNode config) {
        this.config = Objects.requireNonNull(config, "config");
        return this;
    }

    /** The objective minimized; the default is {@link Loss#SOFTMAX_CROSS_ENTROPY}. */
    public Trainer setLoss(Loss loss) {
        this.loss = Objects.requireNonNull(loss, "loss");
        return this;
    }

    public Loss loss() {
        return loss;
    }

    /**
     * Extra top-level fields for every checkpoint's header (e.g. what a quantized network needs to be rebuilt); they
     * must not use the names the checkpoint itself writes ("model", "config", "epoch", ...).
     */
    public Trainer setCheckpointMeta(ObjectNode meta) {
        this.checkpointMeta = Objects.requireNonNull(meta, "meta");
        return this;
    }

    public ObjectNode checkpointMeta() {
        return checkpointMeta;
    }

    public void run() {
        List<Extension> ordered = new ArrayList<>(extensions);
        ordered.sort(Comparator.comparingInt(Extension::priority).reversed()); // stable: ties keep registration order
        startNanos = System.nanoTime();
        for (Extension e : ordered) {
            e.initialize(this);
        }
        model.train();
        while (epoch() < maxEpochs && !stopRequested) {
            Batch b = iterator.next();
            iteration++;
            epochEnd = iterator.isNewEpoch();
            observation.clear();
            update(b);
            for (Extension e : ordered) {
                e.observe(this);
            }
            for (Extension e : ordered) {
                if (e.trigger().fires(this)) {
                    e.run(this);
                    model.train(); // an evaluator may have switched to eval mode
                }
            }
        }
        for (Extension e : ordered) {
            e.finish(this);
        }
    }

    private void update(Batch b) {
        model.cleargrads();
        Variable y = model.forward(Variable.constant(b.x()));
        Variable loss = this.loss.compute(y, b);
        if (loss.size() != 1) {
            throw new IllegalStateException("trainer: the loss must be a scalar, actual shape "
                    + java.util.Arrays.toString(loss.shape()));
        }
        float l = loss.item();
        if (!Float.isFinite(l)) {
            String bad = firstNonFinite(false);
            String where = "loss";
            String detail;
            if (bad != null) {
                detail = bad;
            } else {
                where = locateOverflow(b);
                detail = where == null ? "all parameters and layer outputs are finite, so the loss itself overflowed"
                        : "all parameters are finite; the first non-finite output is that of layer " + where + " ("
                        + model.namedModules().get(where) + ")";
                where = where == null ? "loss" : where;
            }
            throw new NonFiniteException("loss is " + l + " at iteration " + iteration + " (epoch " + (epoch() + (epochEnd ? 0 : 1))
                    + "); " + detail, where, iteration);
        }
        loss.backward();
        for (Map.Entry<String, Variable> e : model.namedParameters().entrySet()) {
            Tensor g = e.getValue().grad();
            int at = g == null ? -1 : firstNonFinite(g);
            if (at >= 0) {
                throw new NonFiniteException("gradient of parameter " + e.getKey() + " is " + g.data()[at] + " at index " + at
                        + " at iteration " + iteration, e.getKey(), iteration);
            }
        }
        optimizer.step();
        for (Map.Entry<String, Variable> e : model.namedParameters().entrySet()) {
            int at = firstNonFinite(e.getValue().data());
            if (at >= 0) {
                throw new NonFiniteException("parameter " + e.getKey() + " became " + e.getValue().data().data()[at] + " at index "
                        + at + " after the update of iteration " + iteration + " (lr " + optimizer.lastLr() + ")", e.getKey(),
                        iteration);
            }
        }
        int[] pred = y.data().argmaxRows();
        int correct = 0;
        for (int i = 0; i < pred.length; i++) {
            correct += pred[i] == b.labels()[i] ? 1 : 0;
        }
        observation.put("loss", (double) l);
        observation.put("accuracy", (double) correct / b.size());
        observation.put("lr", optimizer.lastLr());
        observation.put("batch", (double) b.size());
    }

    private String firstNonFinite(boolean grads) {
        for (Map.Entry<String, Variable> e : model.namedParameters().entrySet()) {
            Tensor t = grads ? e.getValue().grad() : e.getValue().data();
            int at = t == null ? -1 : firstNonFinite(t);
            if (at >= 0) {
                return "parameter " + e.getKey() + " holds " + t.data()[at] + " at index " + at;
            }
        }
        return null;
    }

    /** Re-runs the batch layer by layer (through nested Sequentials) to find the first layer whose output is not finite. */
    private String locateOverflow(Batch b) {
        try (NoGrad _ = NoGrad.enter()) {
            return locate(model, "", Variable.constant(b.x()));
        }
    }

    private static String locate(Module m, String path, Variable x) {
        if (!(m instanceof Sequential s)) {
            return firstNonFinite(m.forward(x).data()) >= 0 ? path : null;
        }
        Variable h = x;
        for (String name : s.names()) {
            Module c = s.child(name);
            String childPath = path.isEmpty() ? name : path + "." + name;
            Variable next = c.forward(h);
            if (firstNonFinite(next.data()) >= 0) {
                String inner = locate(c, childPath, h);
                return inner != null ? inner : childPath;
            }
            h = next;
        }
        return null;
    }

    private static int firstNonFinite(Tensor t) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- state for extensions

    /** Asks the loop to end after the current iteration's extensions. */
    public void stop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    /** Adds a value to this iteration's observation. */
    public void report(String key, double value) {
        observation.put(key, value);
    }

    /** This iteration's observation; read-only. */
    public Map<String, Double> observation() {
        return Collections.unmodifiableMap(observation);
    }

    /** Updates done so far (1 during the first iteration's extensions). */
    public long iteration() {
        return iteration;
    }

    /** Completed epochs. */
    public int epoch() {
        return iterator.epoch();
    }

    /** Whether the current iteration finished an epoch. */
    public boolean isEpochEnd() {
        return epochEnd;
    }

    /** Fractional epochs done. */
    public double epochDetail() {
        return iterator.epoch() + (double) iterator.position() / iterator.imagesPerEpoch();
    }

    public int maxEpochs() {
        return maxEpochs;
    }

    /** Total iterations this run will do if nothing stops it. */
    public long maxIterations() {
        return (long) maxEpochs * iterator.batchesPerEpoch();
    }

    /** Training seconds, including those before a resume. */
    public double elapsedSeconds() {
        return elapsedBefore + (startNanos == 0 ? 0 : (System.nanoTime() - startNanos) / 1e9);
    }

    public Module model() {
        return model;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public BatchIterator iterator() {
        return iterator;
    }

    public List<Extension> extensions() {
        return Collections.unmodifiableList(extensions);
    }

    public ModelSpec modelSpec() {
        return spec;
    }

    public ObjectNode config() {
        return config;
    }

    /** Sets the position when resuming (used by {@link Checkpoint#restore}). */
    void restorePosition(long iteration, double elapsedSeconds) {
        this.iteration = iteration;
        this.elapsedBefore = elapsedSeconds;
    }
}
