package io.dot4j.core.functions.math;

import io.dot4j.core.autograd.GradientCheck;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Random broadcastable shape pairs (fixed seed): gradients of all four operators. */
class BroadcastPropertyTest {
    @Property(tries = 60, seed = "20261131")
    void arithmeticGradientsOnRandomBroadcasts(@ForAll @IntRange(min = 0, max = 4) int rank, @ForAll long seed) {
        Rng rng = new Rng(seed);
        int[] full = new int[rank];
        for (int i = 0; i < rank; i++) {
            full[i] = 1 + rng.nextInt(3);
        }
        int[] a = operand(full, rng);
        int[] b = operand(full, rng);
        Tensor ta = Tensor.randn(rng, a);
        Tensor tb = GradientCheck.awayFrom(Tensor.randn(rng, b), 0f, 0.5f);
        GradientCheck.check(v -> F.add(v[0], v[1]), seed, ta, tb);
        GradientCheck.check(v -> F.sub(v[0], v[1]), seed + 1, ta, tb);
        GradientCheck.check(v -> F.mul(v[0], v[1]), seed + 2, ta, tb);
        GradientCheck.check(v -> F.div(v[0], v[1]), seed + 3, ta, tb);
    }

    /** Drops a random number of leading axes and sets random remaining axes to 1. */
    private static int[] operand(int[] full, Rng rng) {
        int drop = rng.nextInt(full.length + 1);
        int[] s = new int[full.length - drop];
        for (int i = 0; i < s.length; i++) {
            s[i] = rng.nextInt(3) == 0 ? 1 : full[i + drop];
        }
        return s;
    }
}
