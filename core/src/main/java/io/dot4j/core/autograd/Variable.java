package io.dot4j.core.autograd;

import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Shapes;
import io.dot4j.core.tensor.Tensor;

import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A node of the define-by-run graph: a data tensor, its gradient, and the {@link Function} that created it
 * ({@code null} for leaves such as parameters and inputs).
 *
 * <p>{@link #backward()} walks the graph from this variable in reverse topological order with a priority queue on
 * generation numbers (iteratively, so very deep graphs cannot overflow the stack), accumulates the gradients of
 * variables used more than once, and then frees the graph: each visited function drops its inputs and outputs and
 * each output drops its creator, so the intermediate tensors become garbage.
 *
 * <p>Gradients of leaves are owned copies that accumulate over calls until {@link #cleargrad()}; an optimizer may
 * change them in place. Gradients of intermediate variables are dropped unless {@code backward(true)} is used, and are
 * then read-only (they may share arrays with other gradients).
 */
public final class Variable {
    private Tensor data;
    private Tensor grad;
    private Function creator;
    private String name;
    private final boolean requiresGrad;
    /** Set when backward() freed the function that created this variable: it can no longer pass gradients on. */
    private boolean graphFreed;
    int generation;

    /** A variable that requires a gradient (like Chainer's default): parameters and inputs to differentiate. */
    public Variable(Tensor data) {
        this(data, true);
    }

    public Variable(Tensor data, boolean requiresGrad) {
        this.data = Objects.requireNonNull(data, "data");
        this.requiresGrad = requiresGrad;
    }

    public Variable(Tensor data, String name) {
        this(data, true);
        this.name = name;
    }

    /** A leaf that needs no gradient, e.g. a batch of images: functions skip work for it. */
    public static Variable constant(Tensor data) {
        return new Variable(data, false);
    }

    public Tensor data() {
        return data;
    }

    /** Replaces the data (e.g. when loading weights); the shape must stay the same. */
    public void setData(Tensor newData) {
        if (!newData.sameShape(data)) {
            throw new ShapeException("setData: expected shape " + Shapes.str(data.shape()) + ", actual " + Shapes.str(newData.shape()));
        }
        this.data = newData;
    }

    /** The gradient, or null if none was computed. */
    public Tensor grad() {
        return grad;
    }

    /** Sets the gradient (e.g. to seed backward() of a non-scalar); null clears it. */
    public void setGrad(Tensor g) {
        if (g != null && !g.sameShape(data)) {
            throw new ShapeException("setGrad: expected shape " + Shapes.str(data.shape()) + ", actual " + Shapes.str(g.shape()));
        }
        this.grad = g;
    }

    public void cleargrad() {
        grad = null;
    }

    public Function creator() {
        return creator;
    }

    void setCreator(Function f) {
        this.creator = f;
        this.generation = f.generation + 1;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    public String name() {
        return name;
    }

    public Variable setName(String name) {
        this.name = name;
        return this;
    }

    public int[] shape() {
        return data.shape();
    }

    public int rank() {
        return data.rank();
    }

    public int size() {
        return data.size();
    }

    /** The value of a one-element variable (e.g. a loss). */
    public float item() {
        return data.item();
    }

    /** Same as {@code backward(false)}. */
    public void backward() {
        backward(false);
    }

    /**
     * Computes gradients of this variable with respect to every variable it was computed from that requires one.
     * If no gradient is set, this must have exactly one element and is seeded with 1.
     *
     * @param retainGrad keep the gradients of intermediate variables (normally only leaves keep theirs)
     */
    public void backward(boolean retainGrad) {
        if (grad == null) {
            if (data.size() != 1) {
                throw new ShapeException("backward: expected a one-element variable or a gradient set with setGrad, actual shape "
                        + Shapes.str(data.shape()));
            }
            grad = Tensor.ones(data.shape());
        }
        if (creator == null) {
            return;
        }
        // latest generation first; ties broken by creation order (latest first) so the visiting order, and hence the
        // order in which gradients are summed, is fixed by the program alone
        PriorityQueue<Function> queue = new PriorityQueue<>((f, g) -> f.generation != g.generation
                ? Integer.compare(g.generation, f.generation) : Long.compare(g.sequence, f.sequence));
        queue.add(creator);
        creator.queued = true;
        while (!queue.isEmpty()) {
            Function f = queue.poll();
            Variable[] outs = f.outputs();
            Variable[] ins = f.inputs();
            Tensor[] gys = new Tensor[outs.length];
            for (int i = 0; i < outs.length; i++) {
                Tensor g = outs[i].grad;
                gys[i] = g != null ? g : Tensor.zerosLike(outs[i].data);
            }
            Tensor[] gxs = f.backward(gys);
            if (gxs == null || gxs.length != ins.length) {
                throw new IllegalStateException(f.label() + ".backward: expected " + ins.length + " input gradients, actual "
                        + (gxs == null ? "null" : gxs.length));
            }
            for (int i = 0; i < ins.length; i++) {
                Variable x = ins[i];
                Tensor gx = gxs[i];
                if (!x.requiresGrad || gx == null) {
                    continue;
                }
                if (x.graphFreed) {
                    throw new IllegalStateException("backward: the graph behind " + (x.name != null ? "variable '" + x.name + "'"
                            : "an intermediate variable of shape " + Shapes.str(x.data.shape()))
                            + " was already freed by an earlier backward(); add the losses and call backward() once, or"
                            + " use Variable.constant(v.data()) to treat it as a constant");
                }
                if (!gx.sameShape(x.data)) {
                    throw new ShapeException(f.label() + ".backward: expected gradient " + i + " of shape "
                            + Shapes.str(x.data.shape()) + ", actual " + Shapes.str(gx.shape()));
                }
                boolean leaf = x.creator == null;
                if (x.grad == null) {
                    x.grad = leaf ? gx.copy() : gx; // leaves own their gradient; optimizers may change it in place
                } else if (leaf) {
                    x.grad.addInPlace(gx);
                } else {
                    x.grad = x.grad.add(gx); // may share its array with another gradient: never add in place
                }
                Function c = x.creator;
                if (c != null && !c.queued) {
                    c.queued = true;
                    queue.add(c);
                }
            }
            for (Variable o : outs) {
                o.creator = null;
                o.graphFreed = true;
                if (!retainGrad && o != this) {
                    o.grad = null;
                }
            }
            f.release();
        }
    }

    @Override
    public String toString() {
        return "Variable(" + (name != null ? name + ", " : "") + data + ")";
    }
}
