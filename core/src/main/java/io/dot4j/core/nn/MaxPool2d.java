package io.dot4j.core.nn;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;

/** Max pooling over square windows with the given stride and padding. */
public class MaxPool2d extends Module {
    private final int kernel;
    private final int stride;
    private final int pad;

    /** Non-overlapping windows: stride = kernel, no padding. */
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    public MaxPool2d(int kernel, int stride, int pad) {
        if (kernel < 1 || stride < 1 || pad < 0) {
            throw new IllegalArgumentException("MaxPool2d: expected kernel, stride >= 1 and pad >= 0, actual kernel=" + kernel
                    + " stride=" + stride + " pad=" + pad);
        }
        this.kernel = kernel;
        this.stride = stride;
        this.pad = pad;
    }

    @Override
    public Variable forward(Variable x) {
        return F.maxPool2d(x, kernel, stride, pad);
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
        return "MaxPool2d(" + kernel + ", stride " + stride + ", pad " + pad + ")";
    }
}
