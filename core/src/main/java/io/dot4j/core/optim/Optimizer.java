package io.dot4j.core.optim;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.nn.Module;
import io.dot4j.core.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Updates a fixed, ordered set of named parameters from their gradients. One {@link #step()}:
 * <ol>
 *   <li>skips parameters without a gradient (they took no part in the loss);</li>
 *   <li>if a maximum norm is set, scales all gradients by maxNorm / globalNorm when the global L2 norm (summed in
 *   double, in parameter order) exceeds it;</li>
 *   <li>if L2 weight decay is set, adds decay * w to each gradient (coupled decay, as in Chainer's WeightDecay);</li>
 *   <li>per parameter: hooks' beforeUpdate, the rule of the subclass with the scheduled learning rate, hooks'
 *   afterUpdate.</li>
 * </ol>
 * Gradients are changed in place (they are the leaves' own copies). Per-parameter state is created on first use and
 * can be saved and restored with {@link #state()} and {@link #load(OptimizerState)} for exact resume.
 */
public abstract class Optimizer {
    private final Map<String, Variable> params;
    private final Map<String, Map<String, Tensor>> slots = new LinkedHashMap<>();
    private final List<UpdateHook> hooks = new ArrayList<>();
    private LrSchedule schedule;
    private float weightDecay;
    private float maxGradNorm;
    private long steps;
    private double lastLr = Double.NaN;
    private double lastGradNorm = Double.NaN;

    protected Optimizer(Map<String, Variable> params, LrSchedule schedule) {
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params, "params")));
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (this.params.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": expected at least one parameter, actual none");
        }
    }

    protected Optimizer(Module model, LrSchedule schedule) {
        this(model.namedParameters(), schedule);
    }

    /** A short name saved with the state ("sgd", "adam", "adamw"), to refuse loading another kind's state. */
    public abstract String kind();

    /** Names of the slots this optimizer keeps per parameter, in order (empty for plain SGD). */
    protected abstract List<String> slotNames();

    /**
     * Updates one parameter in place. {@code t} is the 1-based number of this update (for bias correction); slots
     * holds this parameter's state tensors, zero-initialized on first use.
     */
    protected abstract void update(Variable param, Tensor grad, float lr, Map<String, Tensor> slots, long t);

    // ---------------------------------------------------------------- configuration

    /** Coupled L2 weight decay: adds decay * w to each gradient before the update (0 = off). */
    public Optimizer setWeightDecay(float decay) {
        if (!(decay >= 0f) || Float.isInfinite(decay)) {
            throw new IllegalArgumentException(kind() + ": expected weight decay >= 0, actual " + decay);
        }
        this.weightDecay = decay;
        return this;
    }

    /** Clips gradients to this global L2 norm (0 = off). */
    public Optimizer setMaxGradNorm(float maxNorm) {
        if (!(maxNorm >= 0f) || Float.isInfinite(maxNorm)) {
            throw new IllegalArgumentException(kind() + ": expected max gradient norm >= 0, actual " + maxNorm);
        }
        this.maxGradNorm = maxNorm;
        return this;
    }

    public Optimizer setSchedule(LrSchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        return this;
    }

    public Optimizer addHook(UpdateHook hook) {
        hooks.add(Objects.requireNonNull(hook, "hook"));
        return this;
    }

    public List<UpdateHook> hooks() {
        return Collections.unmodifiableList(hooks);
    }

    public float weightDecay() {
        return weightDecay;
    }

    public float maxGradNorm() {
        return maxGradNorm;
    }

    public LrSchedule schedule() {
        return schedule;
    }

    /** The parameters this optimizer updates, by path, in order. */
    public Map<String, Variable> parameters() {
        return params;
    }

    /** Number of updates done so far. */
    public long steps() {
        return steps;
    }

    /** The learning rate the next update will use. */
    public double currentLr() {
        return schedule.lr(steps);
    }

    /** The learning rate of the last update (NaN before the first). */
    public double lastLr() {
        return lastLr;
    }

    /** The global gradient norm before clipping in the last update (NaN before the first). */
    public double lastGradNorm() {
        return lastGradNorm;
    }

    // ---------------------------------------------------------------- update

    public final void step() {
        double lrD = schedule.lr(steps);
        if (!(lrD >= 0) || Double.isInfinite(lrD)) {
            throw new IllegalStateException(kind() + ": the schedule gave learning rate " + lrD + " for update " + steps);
        }
        float lr = (float) lrD;
        double sq = 0;
        for (Variable p : params.values()) {
            Tensor g = p.grad();
            if (g != null) {
                for (float v : g.data()) {
                    sq += (double) v * v;
                }
            }
        }
        double norm = Math.sqrt(sq);
        lastGradNorm = norm;
        if (maxGradNorm > 0 && norm > maxGradNorm) {
            float scale = (float) (maxGradNorm / norm);
            for (Variable p : params.values()) {
                if (p.grad() != null) {
                    p.grad().scaleInPlace(scale);
                }
            }
        }
        steps++;
        for (Map.Entry<String, Variable> e : params.entrySet()) {
            Variable p = e.getValue();
            Tensor g = p.grad();
            if (g == null) {
                continue;
            }
            if (weightDecay > 0) {
                g.axpyInPlace(weightDecay, p.data());
            }
            for (UpdateHook h : hooks) {
                h.beforeUpdate(e.getKey(), p);
            }
            update(p, g, lr, slotsOf(e.getKey(), p), steps);
            for (UpdateHook h : hooks) {
                h.afterUpdate(e.getKey(), p);
            }
        }
        lastLr = lrD;
    }

    private Map<String, Tensor> slotsOf(String name, Variable p) {
        return slots.computeIfAbsent(name, k -> {
            Map<String, Tensor> m = new LinkedHashMap<>();
            for (String s : slotNames()) {
                m.put(s, Tensor.zeros(p.shape()));
            }
            return m;
        });
    }

    // ---------------------------------------------------------------- state

    /** A deep copy of the state. */
    public OptimizerState state() {
        return new OptimizerState(kind(), steps, slots);
    }

    /** Restores a state saved by the same kind of optimizer over parameters with the same names and shapes. */
    public void load(OptimizerState s) {
        if (!s.kind().equals(kind())) {
            throw new IllegalArgumentException("optimizer state: expected kind " + kind() + ", actual " + s.kind());
        }
        if (s.steps() < 0) {
            throw new IllegalArgumentException("optimizer state: expected steps >= 0, actual " + s.steps());
        }
        Map<String, Map<String, Tensor>> restored = new LinkedHashMap<>();
        for (var e : s.slots().entrySet()) {
            Variable p = params.get(e.getKey());
            if (p == null) {
                throw new IllegalArgumentException("optimizer state: slots for unknown parameter " + e.getKey() + "; parameters are "
                        + params.keySet());
            }
            if (!e.getValue().keySet().equals(new java.util.LinkedHashSet<>(slotNames()))) {
                throw new IllegalArgumentException("optimizer state: parameter " + e.getKey() + " expected slots " + slotNames()
                        + ", actual " + e.getValue().keySet());
            }
            Map<String, Tensor> m = new LinkedHashMap<>();
            for (var se : e.getValue().entrySet()) {
                if (!se.getValue().sameShape(p.data())) {
                    throw new IllegalArgumentException("optimizer state: slot " + e.getKey() + "/" + se.getKey() + " expected shape "
                            + java.util.Arrays.toString(p.shape()) + ", actual " + java.util.Arrays.toString(se.getValue().shape()));
                }
                m.put(se.getKey(), se.getValue().copy());
            }
            restored.put(e.getKey(), m);
        }
        slots.clear();
        slots.putAll(restored);
        steps = s.steps();
    }
}
