package io.dot4j.core.nn;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;

/** Average pooling over square windows (padding counts as zeros, like Chainer). */
public class AvgPool2d extends Pool2d {

    /** Non-overlapping windows: stride = kernel, no padding. */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    public AvgPool2d(int kernel, int stride, int pad) {
        super(kernel, stride, pad);
    }

    @Override
    public Variable forward(Variable x) {
        return F.avgPool2d(x, kernel(), stride(), pad());
    }
}
