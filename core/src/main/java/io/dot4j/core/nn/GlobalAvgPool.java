package io.dot4j.core.nn;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;

/** [N, C, H, W] -> [N, C], the mean over each channel's plane. */
public class GlobalAvgPool extends Module {
    @Override
    public Variable forward(Variable x) {
        return F.globalAvgPool(x);
    }

    @Override
    public String toString() {
        return "GlobalAvgPool";
    }
}
