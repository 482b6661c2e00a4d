package io.dot4j.core.autograd;

import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** The harness itself must reject wrong gradients, or every other gradient test proves nothing. */
class GradientCheckTest {
    /** y = x^2 with a gradient that is 5% off. */
    private static final class SlightlyWrongSquare extends Function {
        private Tensor x;

        @Override
        protected Tensor[] forward(Tensor... in) {
            x = in[0];
            return out(in[0].mul(in[0]));
        }

        @Override
        protected Tensor[] backward(Tensor... gy) {
            return out(gy[0].mul(x).scale(2.1f));
        }
    }

    /** Drops the gradient of the second input's broadcast axis sum (a typical broadcasting bug). */
    private static final class AddWithoutReduction extends Function {
        @Override
        protected Tensor[] forward(Tensor... in) {
            return out(F.add(Variable.constant(in[0]), Variable.constant(in[1])).data());
        }

        @Override
        protected Tensor[] backward(Tensor... gy) {
            float[] g = gy[0].data();
            Tensor gb = Tensor.zeros(1, gy[0].dim(1));
            System.arraycopy(g, 0, gb.data(), 0, gb.size()); // only the first row: wrong
            return out(gy[0], gb);
        }
    }

    @Test
    void rejectsAFivePercentError() {
        Tensor x = Tensor.randn(new Rng(1), 3, 4);
        assertThrows(AssertionFailedError.class, () -> GradientCheck.check(v -> new SlightlyWrongSquare().apply(v), 1, x));
    }

    @Test
    void rejectsAMissingBroadcastReduction() {
        Tensor a = Tensor.randn(new Rng(2), 3, 4);
        Tensor b = Tensor.randn(new Rng(3), 1, 4);
        assertThrows(AssertionFailedError.class, () -> GradientCheck.check(v -> new AddWithoutReduction().apply(v), 2, a, b));
    }

    @Test
    void acceptsACorrectGradient() {
        Tensor x = Tensor.randn(new Rng(4), 3, 4);
        GradientCheck.check(v -> F.mul(v[0], v[0]), 3, x);
    }
}
