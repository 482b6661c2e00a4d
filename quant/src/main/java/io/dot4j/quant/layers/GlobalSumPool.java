package io.dot4j.quant.layers;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.nn.Module;

/**
 * [N, C, H, W] -> [N, C]: the sum over all positions of each channel, the float twin of the integer model's
 * GlobalSumPool (sums of levels). A sum rather than a mean so that the values stay multiples of the level step.
 */
public class GlobalSumPool extends Module {
    @Override
    public Variable forward(Variable x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("GlobalSumPool: expected [N, C, H, W], actual rank " + x.rank());
        }
        return F.sum(F.sum(x, 3, false), 2, false);
    }

    @Override
    public String toString() {
        return "GlobalSumPool";
    }
}
