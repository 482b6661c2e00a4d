package io.dot4j.core.nn;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A layer or a network (Chainer's Link and Chain in one): it owns named trainable parameters ({@link Variable}s),
 * named persistent non-trainable buffers (such as batch-norm running statistics), named random generators (dropout)
 * and named child modules, and maps an input to an output in {@link #forward}.
 *
 * <p>Order is part of the contract, because checkpoints, optimizers and the quantizer all walk parameters by name:
 * {@link #namedParameters()} lists this module's own parameters in registration order, then each child's (recursively,
 * in child registration order), with dotted paths such as {@code conv1.W}. The same holds for buffers and generators.
 *
 * <p>Subclasses register state in their constructors with {@link #addParameter}, {@link #addBuffer},
 * {@link #addRng} and {@link #addChild}. A child can later be swapped with {@link #replaceChild} (how a quantizer
 * wraps a layer), and {@link #forward} may be overridden by a subclass of any layer.
 */
public abstract class Module {
    private final Map<String, Variable> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Rng> rngs = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Maps a batch to the module's output, recording the graph unless inside {@code NoGrad}. */
    public abstract Variable forward(Variable x);

    // ---------------------------------------------------------------- registration

    /** Registers a trainable parameter holding {@code init} (not copied) and returns its variable. */
    protected final Variable addParameter(String name, Tensor init) {
        checkName(name);
        Variable v = new Variable(Objects.requireNonNull(init, "init"), name);
        parameters.put(name, v);
        return v;
    }

    /**
     * Registers an existing variable as a parameter of this module (shared, not copied): how a wrapper such as a
     * quantized twin of a layer reuses the original's weights, so optimizers and checkpoints see one variable.
     */
    protected final Variable addParameter(String name, Variable shared) {
        checkName(name);
        parameters.put(name, Objects.requireNonNull(shared, "shared"));
        return shared;
    }

    /** Registers a persistent non-trainable tensor (saved in checkpoints, never updated by optimizers). */
    protected final Tensor addBuffer(String name, Tensor t) {
        checkName(name);
        buffers.put(name, Objects.requireNonNull(t, "buffer"));
        return t;
    }

    /** Registers a random generator whose state is saved in checkpoints (so resumed training draws the same). */
    protected final Rng addRng(String name, Rng rng) {
        checkName(name);
        rngs.put(name, Objects.requireNonNull(rng, "rng"));
        return rng;
    }

    /** Registers a child module; it takes this module's train/eval mode. */
    protected final <M extends Module> M addChild(String name, M child) {
        checkName(name);
        Objects.requireNonNull(child, "child");
        child.setTraining(training);
        children.put(name, child);
        return child;
    }

    /**
     * Replaces the child registered under {@code name} by another module (e.g. a quantized twin that shares the
     * original's parameters); the position in the order stays. Returns the old child.
     */
    public Module replaceChild(String name, Module replacement) {
        Objects.requireNonNull(replacement, "replacement");
        if (!children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no child named '" + name + "'; children are "
                    + children.keySet());
        }
        replacement.setTraining(training);
        return children.put(name, replacement);
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": expected a non-empty name without '.', actual '"
                    + name + "'");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || rngs.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name '" + name + "' is already registered");
        }
    }

    // ---------------------------------------------------------------- access

    /** This module's own parameters (not the children's), in registration order; read-only. */
    public final Map<String, Variable> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** One of this module's own parameters. */
    public final Variable parameter(String name) {
        Variable v = parameters.get(name);
        if (v == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no parameter named '" + name + "'; parameters are "
                    + parameters.keySet());
        }
        return v;
    }

    /** Direct children in registration order; read-only. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    public final Module child(String name) {
        Module m = children.get(name);
        if (m == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no child named '" + name + "'; children are "
                    + children.keySet());
        }
        return m;
    }

    /** All trainable parameters by dotted path: own first (registration order), then each child's. */
    public final Map<String, Variable> namedParameters() {
        Map<String, Variable> out = new LinkedHashMap<>();
        walk("", (prefix, m) -> m.parameters.forEach((n, v) -> out.put(prefix + n, v)));
        return out;
    }

    /** All persistent non-trainable tensors by dotted path, in the same order rule. */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        walk("", (prefix, m) -> m.buffers.forEach((n, t) -> out.put(prefix + n, t)));
        return out;
    }

    /** All registered random generators by dotted path, in the same order rule. */
    public final Map<String, Rng> namedRngs() {
        Map<String, Rng> out = new LinkedHashMap<>();
        walk("", (prefix, m) -> m.rngs.forEach((n, r) -> out.put(prefix + n, r)));
        return out;
    }

    /** This module and all descendants by dotted path ("" for this one), parents before children. */
    public final Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        walk("", (prefix, m) -> out.put(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1), m));
        return out;
    }

    private void walk(String prefix, BiConsumer<String, Module> visit) {
        visit.accept(prefix, this);
        children.forEach((n, c) -> c.walk(prefix + n + ".", visit));
    }

    /** Total number of trainable scalars. */
    public final long parameterCount() {
        long n = 0;
        for (Variable v : namedParameters().values()) {
            n += v.size();
        }
        return n;
    }

    // ---------------------------------------------------------------- mode and gradients

    /** Training mode (batch statistics, dropout active); the default. Propagates to all children. */
    public final Module train() {
        setTraining(true);
        return this;
    }

    /** Evaluation mode (running statistics, no dropout). Propagates to all children. */
    public final Module eval() {
        setTraining(false);
        return this;
    }

    public void setTraining(boolean on) {
        training = on;
        for (Module c : children.values()) {
            c.setTraining(on);
        }
    }

    public final boolean isTraining() {
        return training;
    }

    /** Clears the gradient of every parameter (before each backward, as gradients accumulate). */
    public final void cleargrads() {
        for (Variable v : namedParameters().values()) {
            v.cleargrad();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
