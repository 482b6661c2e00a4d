package io.dot4j.quant.pruning;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.nn.Module;
import io.dot4j.core.optim.Optimizer;
import io.dot4j.core.optim.UpdateHook;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.quant.layers.QuantConv2d;
import io.dot4j.quant.layers.QuantLinear;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Magnitude pruning of weight tensors, per layer or global, to an exact sparsity: of n weights (a layer's, or all of
 * them for {@link Scope#GLOBAL}) exactly round(s * n) are pruned, the smallest |w| first, ties broken by index (lower
 * first; for global pruning, in parameter order), weights pruned before staying pruned.
 *
 * <p>As an {@link UpdateHook} attached to an optimizer, on the steps the {@link PruningSchedule} names it recomputes the
 * masks (before the first pruned parameter is updated, from the weights as the previous step left them), zeroes the
 * gradients of pruned weights before each update (so momentum does not build up behind the mask) and re-applies the mask
 * to the weights after it.
 *
 * <p>A pruned latent weight is 0; ternary and 3..8-bit uniform quantizers map it to level 0 (a real zero in the int8
 * integer model), while binary and 2-bit weights have no zero level: there pruning only shapes training.
 */
public final class Pruning implements UpdateHook {
    public enum Scope { PER_LAYER, GLOBAL }

    private final Map<String, Variable> params;
    private final Map<String, boolean[]> pruned = new LinkedHashMap<>();
    private final Scope scope;
    private final PruningSchedule schedule;
    private Optimizer optimizer;
    private long lastMaskStep = -1;
    private double target;

    public Pruning(Map<String, Variable> params, Scope scope, PruningSchedule schedule) {
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params, "params")));
        if (this.params.isEmpty()) {
            throw new IllegalArgumentException("pruning: expected at least one weight tensor, actual none");
        }
        this.scope = Objects.requireNonNull(scope, "scope");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.params.forEach((k, v) -> pruned.put(k, new boolean[v.size()]));
    }

    /** Prunes the weights "W" of every QuantConv2d and QuantLinear of a network (paths as in namedParameters). */
    public static Pruning weightsOf(Module net, Scope scope, PruningSchedule schedule) {
        Map<String, Variable> ws = new LinkedHashMap<>();
        net.namedModules().forEach((path, m) -> {
            if (m instanceof QuantConv2d || m instanceof QuantLinear) {
                ws.put(path.isEmpty() ? "W" : path + ".W", m.parameter("W"));
            }
        });
        return new Pruning(ws, scope, schedule);
    }

    /** Registers this as an update hook of the optimizer, whose step count drives the schedule. */
    public Pruning attach(Optimizer opt) {
        for (String name : params.keySet()) {
            if (opt.parameters().get(name) != params.get(name)) {
                throw new IllegalArgumentException("pruning: the optimizer does not update '" + name + "'; it updates "
                        + opt.parameters().keySet());
            }
        }
        this.optimizer = opt;
        opt.addHook(this);
        return this;
    }

    @Override
    public void beforeUpdate(String name, Variable param) {
        boolean[] mask = pruned.get(name);
        if (mask == null) {
            return;
        }
        long t = optimizer.steps();
        if (t != lastMaskStep && schedule.updatesAt(t)) {
            lastMaskStep = t;
            prune(schedule.sparsityAt(t));
            return; // prune() zeroed the weights and gradients already
        }
        float[] g = param.grad().data();
        for (int i = 0; i < g.length; i++) {
            if (mask[i]) {
                g[i] = 0f;
            }
        }
    }

    @Override
    public void afterUpdate(String name, Variable param) {
        boolean[] mask = pruned.get(name);
        if (mask != null) {
            apply(param, mask);
        }
    }

    /**
     * Prunes to exactly this sparsity now (never un-pruning a weight: a sparsity below the current one keeps the
     * current masks) and zeroes pruned weights and their gradients.
     */
    public void prune(double sparsity) {
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("pruning: expected a sparsity in [0, 1), actual " + sparsity);
        }
        target = sparsity;
        if (scope == Scope.PER_LAYER) {
            for (String name : params.keySet()) {
                select(Map.of(name, params.get(name)), sparsity);
            }
        } else {
            select(params, sparsity);
        }
        params.forEach((k, v) -> apply(v, pruned.get(k)));
    }

    /** Marks the round(s * n) smallest of these tensors' weights (previously pruned first, then |w|, then index). */
    private void select(Map<String, Variable> group, double sparsity) {
        long n = 0;
        for (Variable v : group.values()) {
            n += v.size();
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("pruning: too many weights in one group: " + n);
        }
        long[] keys = new long[(int) n];
        int base = 0;
        for (Map.Entry<String, Variable> e : group.entrySet()) {
            float[] w = e.getValue().data().data();
            boolean[] m = pruned.get(e.getKey());
            for (int i = 0; i < w.length; i++) {
                // non-negative float bits sort like the floats; +1 leaves 0 for already pruned weights
                long mag = m[i] ? 0 : (Float.floatToIntBits(Math.abs(w[i])) & 0x7fffffffL) + 1;
                keys[base + i] = mag << 32 | (base + i);
            }
            base += w.length;
        }
        Arrays.sort(keys);
        int k = (int) Math.round(sparsity * n);
        boolean[][] masks = new boolean[group.size()][];
        int[] starts = new int[group.size()];
        int gi = 0, s = 0;
        for (Map.Entry<String, Variable> e : group.entrySet()) {
            masks[gi] = pruned.get(e.getKey());
            starts[gi++] = s;
            s += e.getValue().size();
        }
        for (int r = 0; r < k; r++) {
            int idx = (int) keys[r];
            int t = Arrays.binarySearch(starts, idx);
            t = t >= 0 ? t : -t - 2;
            masks[t][idx - starts[t]] = true;
        }
    }

    private static void apply(Variable p, boolean[] mask) {
        float[] w = p.data().data();
        Tensor g = p.grad();
        for (int i = 0; i < w.length; i++) {
            if (mask[i]) {
                w[i] = 0f;
                if (g != null) {
                    g.data()[i] = 0f;
                }
            }
        }
    }

    /** A copy of the current masks (true = pruned), by parameter path: the state a resumed run must restore. */
    public Map<String, boolean[]> masks() {
        Map<String, boolean[]> out = new LinkedHashMap<>();
        pruned.forEach((k, m) -> out.put(k, m.clone()));
        return out;
    }

    /** Restores masks saved by {@link #masks()} and the sparsity last asked for (resuming a run). */
    public void restore(Map<String, boolean[]> masks, double target) {
        if (!masks.keySet().equals(pruned.keySet())) {
            throw new IllegalArgumentException("pruning: saved masks are for " + masks.keySet() + ", this run prunes "
                    + pruned.keySet());
        }
        for (var e : masks.entrySet()) {
            boolean[] m = pruned.get(e.getKey());
            if (e.getValue().length != m.length) {
                throw new IllegalArgumentException("pruning: the saved mask of " + e.getKey() + " has " + e.getValue().length
                        + " entries, the tensor " + m.length);
            }
            System.arraycopy(e.getValue(), 0, m, 0, m.length);
        }
        this.target = target;
    }

    /** The sparsity last asked for. */
    public double target() {
        return target;
    }

    /** Achieved sparsity per tensor: the fraction of its weights that are exactly 0. */
    public Map<String, Double> sparsityByTensor() {
        Map<String, Double> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, zeros(v) / (double) v.size()));
        return out;
    }

    /** Achieved sparsity over all pruned tensors together. */
    public double sparsity() {
        long z = 0, n = 0;
        for (Variable v : params.values()) {
            z += zeros(v);
            n += v.size();
        }
        return z / (double) n;
    }

    /** Number of weights currently masked, per tensor. */
    public Map<String, Integer> prunedCount() {
        Map<String, Integer> out = new LinkedHashMap<>();
        pruned.forEach((k, m) -> {
            int c = 0;
            for (boolean b : m) {
                c += b ? 1 : 0;
            }
            out.put(k, c);
        });
        return out;
    }

    private static long zeros(Variable v) {
        long z = 0;
        for (float f : v.data().data()) {
            z += f == 0f ? 1 : 0;
        }
        return z;
    }

    public Scope scope() {
        return scope;
    }

    public PruningSchedule schedule() {
        return schedule;
    }
}
