package io.dot4j.core.nn;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;

/** [N, ...] -> [N, rest]. */
public class Flatten extends Module {
    @Override
    public Variable forward(Variable x) {
        return F.flatten(x);
    }

    @Override
    public String toString() {
        return "Flatten";
    }
}
