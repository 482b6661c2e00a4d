package io.dot4j.core.functions;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.activation.ReLU;
import io.dot4j.core.functions.array.Reshape;
import io.dot4j.core.functions.connection.Linear;
import io.dot4j.core.functions.loss.SoftmaxCrossEntropy;
import io.dot4j.core.functions.math.Add;
import io.dot4j.core.functions.math.Div;
import io.dot4j.core.functions.math.MatMul;
import io.dot4j.core.functions.math.Mul;
import io.dot4j.core.functions.math.Sub;
import io.dot4j.core.tensor.Tensor;

/**
 * Static entry points to every function, so that model code reads like Chainer's {@code F.}:
 * {@code F.relu(F.linear(x, w, b))}. Each call creates one graph node.
 */
public final class F {
    private F() {
    }

    // ---------------------------------------------------------------- math

    public static Variable add(Variable a, Variable b) {
        return new Add().apply(a, b);
    }

    public static Variable add(Variable a, float b) {
        return new Add().apply(a, Variable.constant(Tensor.scalar(b)));
    }

    public static Variable sub(Variable a, Variable b) {
        return new Sub().apply(a, b);
    }

    public static Variable mul(Variable a, Variable b) {
        return new Mul().apply(a, b);
    }

    public static Variable mul(Variable a, float b) {
        return new Mul().apply(a, Variable.constant(Tensor.scalar(b)));
    }

    public static Variable div(Variable a, Variable b) {
        return new Div().apply(a, b);
    }

    public static Variable matmul(Variable a, Variable b) {
        return new MatMul().apply(a, b);
    }

    // ---------------------------------------------------------------- connection

    /** x W^T + b with W [out, in]; b may be null. */
    public static Variable linear(Variable x, Variable w, Variable b) {
        return b == null ? new Linear().apply(x, w) : new Linear().apply(x, w, b);
    }

    public static Variable linear(Variable x, Variable w) {
        return new Linear().apply(x, w);
    }

    // ---------------------------------------------------------------- activation

    public static Variable relu(Variable x) {
        return new ReLU().apply(x);
    }

    // ---------------------------------------------------------------- loss

    /** Mean softmax cross-entropy of scores [N, K] against labels. */
    public static Variable softmaxCrossEntropy(Variable x, int[] labels) {
        return new SoftmaxCrossEntropy(labels).apply(x);
    }

    // ---------------------------------------------------------------- array

    public static Variable reshape(Variable x, int... shape) {
        return new Reshape(shape).apply(x);
    }
}
