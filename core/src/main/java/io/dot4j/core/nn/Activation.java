package io.dot4j.core.nn;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A parameter-free element-wise function as a module, with a name ({@code kind}) that tools such as the quantizer can
 * recognize ("relu", "tanh", "sigmoid", "hardtanh").
 */
public class Activation extends Module {
    private final String kind;
    private final UnaryOperator<Variable> fn;

    public Activation(String kind, UnaryOperator<Variable> fn) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.fn = Objects.requireNonNull(fn, "fn");
    }

    public static Activation relu() {
        return new Activation("relu", F::relu);
    }

    public static Activation tanh() {
        return new Activation("tanh", F::tanh);
    }

    public static Activation sigmoid() {
        return new Activation("sigmoid", F::sigmoid);
    }

    /** Clips to [-1, 1]. */
    public static Activation hardTanh() {
        return new Activation("hardtanh", F::hardTanh);
    }

    public String kind() {
        return kind;
    }

    @Override
    public Variable forward(Variable x) {
        return fn.apply(x);
    }

    @Override
    public String toString() {
        return "Activation(" + kind + ")";
    }
}
