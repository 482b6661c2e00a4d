package io.dot4j.core.nn;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;

/** Average pooling over square windows (padding counts as zeros, like Chainer). */
public class AvgPool2d extends Module {
    private final int kernel;
    private final int stride;
    private final int pad;

    /** Non-overlapping windows: stride = kernel, no padding. */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    public AvgPool2d(int kernel, int stride, int pad) {
        if (kernel < 1 || stride < 1 || pad < 0) {
            throw new IllegalArgumentException("AvgPool2d: expected kernel, stride >= 1 and pad >= 0, actual kernel=" + kernel
                    + " stride=" + stride + " pad=" + pad);
        }
        this.kernel = kernel;
        this.stride = stride;
        this.pad = pad;
    }

    @Override
    public Variable forward(Variable x) {
        return F.avgPool2d(x, kernel, stride, pad);
    }

    public int kernel() {
        return kernel;
    }

    public int stride() {
        return stride;
    }

    public int pad() {
        return pad;
    }

    @Override
    public String toString() {
        return "AvgPool2d(" + kernel + ", stride " + stride + ", pad " + pad + ")";
    }
}
