package io.dot4j.core.autograd;

import io.dot4j.core.tensor.Tensor;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A differentiable operation: {@link #forward} and {@link #backward} are written side by side in one subclass.
 * An instance is one node of the graph and is used once: create a new one per call, e.g.
 * {@code new ReLU().apply(x)}.
 *
 * <p>Rules for implementations: keep in fields whatever {@code backward} needs (only when
 * {@link #needsInputGrad(int)} says it will be needed, to save memory); never change the input tensors or the
 * gradient tensors passed in; return {@code null} for inputs that need no gradient.
 */
public abstract class Function {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private Variable[] inputs;
    private Variable[] outputs;
    private boolean[] needsGrad;
    private boolean applied;
    int generation;
    long sequence;
    boolean queued;

    /**
     * Computes the outputs from the input data.
     */
    protected abstract Tensor[] forward(Tensor... inputs);

    /**
     * Given the gradients of the loss with respect to each output (zeros for outputs that got none), returns the
     * gradient with respect to each input, with the input's shape, or null where {@link #needsInputGrad} is false.
     */
    protected abstract Tensor[] backward(Tensor... gradOutputs);

    /** Whether backward must produce the gradient of input i; valid during forward and backward. */
    protected final boolean needsInputGrad(int i) {
        return needsGrad[i];
    }

    /** Number of inputs of this call; valid during forward and backward. */
    protected final int numInputs() {
        return needsGrad.length;
    }

    /** Whether any input needs a gradient, i.e. whether backward will be called at all. */
    protected final boolean anyNeedsGrad() {
        for (boolean b : needsGrad) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /** Applies a function with exactly one output. */
    public final Variable apply(Variable... in) {
        Variable[] out = applyAll(in);
        if (out.length != 1) {
            throw new IllegalStateException(label() + ": expected one output for apply(), actual " + out.length + "; use applyAll()");
        }
        return out[0];
    }

    /** Runs forward and, unless inside {@link NoGrad} or no input needs a gradient, records this node in the graph. */
    public final Variable[] applyAll(Variable... in) {
        if (applied) {
            throw new IllegalStateException(label() + ": a Function instance is one graph node; create a new one per call");
        }
        applied = true;
        boolean record = !NoGrad.isActive();
        needsGrad = new boolean[in.length];
        Tensor[] xs = new Tensor[in.length];
        boolean any = false;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == null) {
                throw new NullPointerException(label() + ": input " + i + " is null");
            }
            xs[i] = in[i].data();
            needsGrad[i] = record && in[i].requiresGrad();
            any |= needsGrad[i];
        }
        Tensor[] ys = forward(xs);
        Variable[] out = new Variable[ys.length];
        for (int i = 0; i < ys.length; i++) {
            out[i] = new Variable(ys[i], any);
        }
        if (any) {
            int g = 0;
            for (Variable v : in) {
                g = Math.max(g, v.generation);
            }
            generation = g;
            sequence = SEQUENCE.getAndIncrement();
            inputs = in.clone();
            outputs = out;
            for (Variable v : out) {
                v.setCreator(this);
            }
        }
        return out;
    }

    Variable[] inputs() {
        return inputs;
    }

    Variable[] outputs() {
        return outputs;
    }

    /** Drops graph references after backward so intermediate tensors can be collected. */
    void release() {
        inputs = null;
        outputs = null;
    }

    /** A name for error messages: the class name. */
    public String label() {
        return getClass().getSimpleName();
    }

    /** Wraps tensors into the array that forward/backward return. */
    protected static Tensor[] out(Tensor... t) {
        return t;
    }
}
