package io.dot4j.core.functions.pooling;

import io.dot4j.core.autograd.GradientCheck;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Random geometries (fixed seed): max and average pooling against direct loops, and gradient checks. */
class PoolingPropertyTest {
    @Property(tries = 200, seed = "20261130")
    void matchesDirectLoopsOnRandomGeometry(@ForAll @IntRange(min = 1, max = 3) int n, @ForAll @IntRange(min = 1, max = 3) int c,
                                            @ForAll @IntRange(min = 1, max = 9) int h, @ForAll @IntRange(min = 1, max = 9) int w,
                                            @ForAll @IntRange(min = 1, max = 4) int kh, @ForAll @IntRange(min = 1, max = 4) int kw,
                                            @ForAll @IntRange(min = 1, max = 3) int sh, @ForAll @IntRange(min = 1, max = 3) int sw,
                                            @ForAll @IntRange(min = 0, max = 3) int ph, @ForAll @IntRange(min = 0, max = 3) int pw,
                                            @ForAll long seed) {
        Assume.that(ph < kh && pw < kw && h + 2 * ph >= kh && w + 2 * pw >= kw);
        int[] p = {kh, kw, sh, sw, ph, pw};
        Pool2dParams params = new Pool2dParams(kh, kw, sh, sw, ph, pw);
        Rng rng = new Rng(seed);
        Tensor x = GradientCheck.distinct(rng, 0.05f, n, c, h, w);
        for (boolean max : new boolean[] {true, false}) {
            Variable xv = new Variable(x);
            Variable y = max ? F.maxPool2d(xv, params) : F.avgPool2d(xv, params);
            Tensor gy = Tensor.randn(rng, y.shape());
            double[][] ref = PoolingTest.naive(x, p, gy, max);
            String what = (max ? "max " : "avg ") + java.util.Arrays.toString(new int[] {n, c, h, w}) + java.util.Arrays.toString(p);
            PoolingTest.assertClose(ref[0], y.data(), what + " forward");
            y.setGrad(gy);
            y.backward();
            PoolingTest.assertClose(ref[1], xv.grad(), what + " dx");
        }
        GradientCheck.check(v -> F.maxPool2d(v[0], params), seed, x);
        GradientCheck.check(v -> F.avgPool2d(v[0], params), seed + 1, x);
    }
}
