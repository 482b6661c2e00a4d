package io.dot4j.core.nn;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;

/** Max pooling over square windows with the given stride and padding. */
public class MaxPool2d extends Pool2d {

    /** Non-overlapping windows: stride = kernel, no padding. */
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    public MaxPool2d(int kernel, int stride, int pad) {
        super(kernel, stride, pad);
    }

    @Override
    public Variable forward(Variable x) {
        return F.maxPool2d(x, kernel(), stride(), pad());
    }
}
