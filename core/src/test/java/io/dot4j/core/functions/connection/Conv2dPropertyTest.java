package io.dot4j.core.functions.connection;

import io.dot4j.core.autograd.GradientCheck;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Random geometries (fixed seed): conv2d against direct loops, and a gradient check. */
class Conv2dPropertyTest {
    @Property(tries = 60, seed = "20261129")
    void matchesDirectLoopsOnRandomGeometry(@ForAll @IntRange(min = 1, max = 3) int n, @ForAll @IntRange(min = 1, max = 3) int c,
                                            @ForAll @IntRange(min = 1, max = 9) int h, @ForAll @IntRange(min = 1, max = 9) int w,
                                            @ForAll @IntRange(min = 1, max = 3) int oc, @ForAll @IntRange(min = 1, max = 4) int kh,
                                            @ForAll @IntRange(min = 1, max = 4) int kw, @ForAll @IntRange(min = 1, max = 3) int sh,
                                            @ForAll @IntRange(min = 1, max = 3) int sw, @ForAll @IntRange(min = 0, max = 2) int ph,
                                            @ForAll @IntRange(min = 0, max = 2) int pw, @ForAll long seed) {
        Assume.that(h + 2 * ph >= kh && w + 2 * pw >= kw);
        int[] t = {n, c, h, w, oc, kh, kw, sh, sw, ph, pw};
        Rng rng = new Rng(seed);
        Tensor x = Tensor.randn(rng, n, c, h, w);
        Tensor wt = Tensor.randn(rng, oc, c, kh, kw);
        Tensor b = Tensor.randn(rng, oc);
        Variable xv = new Variable(x);
        Variable wv = new Variable(wt);
        Variable bv = new Variable(b);
        Variable y = F.conv2d(xv, wv, bv, sh, sw, ph, pw);
        String what = java.util.Arrays.toString(t);
        Conv2dTest.assertClose(Conv2dTest.naiveForward(x, wt, b, t), y.data(), "forward " + what);
        Tensor gy = Tensor.randn(rng, y.shape());
        y.setGrad(gy);
        y.backward();
        double[][] ref = Conv2dTest.naiveBackward(x, wt, gy, t);
        Conv2dTest.assertClose(ref[0], xv.grad(), "dx " + what);
        Conv2dTest.assertClose(ref[1], wv.grad(), "dw " + what);
        Conv2dTest.assertClose(ref[2], bv.grad(), "db " + what);
        GradientCheck.check(v -> F.conv2d(v[0], v[1], v[2], sh, sw, ph, pw), seed, x, wt, b);
    }
}
