package io.dot4j.core.autograd;

import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VariableTest {
    private static Variable sum(Variable v) {
        return F.reshape(F.matmul(F.reshape(v, 1, -1), Variable.constant(Tensor.ones(v.size(), 1))), new int[0]);
    }

    @Test
    void reusedVariableAccumulates() {
        // y = x*x + x  =>  dy/dx = 2x + 1
        Tensor xt = Tensor.vector(-1.5f, 0.25f, 3f);
        Variable x = new Variable(xt);
        Variable y = F.add(F.mul(x, x), x);
        y.setGrad(Tensor.ones(3));
        y.backward();
        assertArrayEquals(new float[] {-2f, 1.5f, 7f}, x.grad().data());
    }

    @Test
    void diamondGraphSumsBothPaths() {
        // a = 2x; b = a*3; c = a*a; z = b + c  => dz/dx = 2*(3 + 2a) = 6 + 8x
        Variable x = new Variable(Tensor.scalar(0.5f));
        Variable a = F.mul(x, 2f);
        Variable z = F.add(F.mul(a, 3f), F.mul(a, a));
        z.backward();
        assertEquals(6f + 8f * 0.5f, x.grad().item(), 1e-6);
    }

    @Test
    void scalarBackwardSeedsOneAndGradAccumulatesAcrossCallsUntilCleared() {
        Variable x = new Variable(Tensor.scalar(3f));
        F.mul(x, x).backward();
        assertEquals(6f, x.grad().item());
        F.mul(x, x).backward();
        assertEquals(12f, x.grad().item());
        x.cleargrad();
        assertNull(x.grad());
        F.mul(x, 5f).backward();
        assertEquals(5f, x.grad().item());
    }

    @Test
    void nonScalarWithoutGradIsRejected() {
        Variable y = F.relu(new Variable(Tensor.ones(2, 2)));
        ShapeException e = assertThrows(ShapeException.class, y::backward);
        assertTrue(e.getMessage().contains("one-element"), e.getMessage());
    }

    @Test
    void deepChainDoesNotOverflowTheStack() {
        Variable x = new Variable(Tensor.scalar(1f));
        Variable y = x;
        int depth = 10_000;
        for (int i = 0; i < depth; i++) {
            y = F.add(y, 0.5f);
        }
        assertEquals(1f + depth * 0.5f, y.item());
        y.backward();
        assertEquals(1f, x.grad().item());
    }

    @Test
    void deepMultiplicativeChainHasProductGradient() {
        Variable x = new Variable(Tensor.scalar(1f));
        Variable y = x;
        for (int i = 0; i < 10_000; i++) {
            y = F.mul(y, 1.0001f);
        }
        y.backward();
        assertEquals(Math.pow(1.0001, 10_000), x.grad().item(), 1e-3);
    }

    @Test
    void noGradRecordsNothing() {
        Variable x = new Variable(Tensor.vector(1, 2));
        Variable y;
        try (var _ = NoGrad.enter()) {
            assertTrue(NoGrad.isActive());
            try (var _ = NoGrad.enter()) {
                assertTrue(NoGrad.isActive());
            }
            assertTrue(NoGrad.isActive());
            y = F.mul(x, x);
        }
        assertTrue(!NoGrad.isActive());
        assertNull(y.creator());
        assertTrue(!y.requiresGrad());
        Variable z = F.mul(x, x);
        assertNotNull(z.creator());
    }

    @Test
    void constantsGetNoGradientAndNoGraph() {
        Variable c = Variable.constant(Tensor.vector(1, 2));
        Variable y = F.mul(c, c);
        assertNull(y.creator());
        Variable w = new Variable(Tensor.vector(3, 4));
        Variable z = F.mul(c, w);
        sum(z).backward();
        assertNull(c.grad());
        assertArrayEquals(new float[] {1, 2}, w.grad().data());
    }

    @Test
    void backwardFreesTheGraph() {
        Variable x = new Variable(Tensor.randn(new Rng(1), 100, 100));
        Variable h = F.relu(x);
        WeakReference<Tensor> hidden = new WeakReference<>(h.data());
        Variable loss = sum(F.mul(h, h));
        h = null;
        assertNotNull(loss.creator());
        loss.backward();
        assertNull(loss.creator());
        // the relu output is no longer reachable from the loss; it must be collectable
        for (int i = 0; i < 20 && hidden.get() != null; i++) {
            System.gc();
        }
        assertNull(hidden.get(), "intermediate tensor still reachable after backward");
        assertNotNull(x.grad());
    }

    @Test
    void intermediateGradsAreDroppedUnlessRetained() {
        Variable x = new Variable(Tensor.vector(1, -2));
        Variable h = F.mul(x, 3f);
        sum(F.relu(h)).backward();
        assertNull(h.grad());
        Variable x2 = new Variable(Tensor.vector(1, -2));
        Variable h2 = F.mul(x2, 3f);
        sum(F.relu(h2)).backward(true);
        assertArrayEquals(new float[] {1, 0}, h2.grad().data());
        assertArrayEquals(new float[] {3, 0}, x2.grad().data());
    }

    @Test
    void leafGradientsDoNotShareArrays() {
        Variable a = new Variable(Tensor.vector(1, 2));
        Variable b = new Variable(Tensor.vector(3, 4));
        Variable y = F.add(a, b);
        y.setGrad(Tensor.vector(1, 1));
        y.backward();
        assertNotSame(a.grad().data(), b.grad().data());
        a.grad().scaleInPlace(10f);
        assertArrayEquals(new float[] {1, 1}, b.grad().data());
    }

    @Test
    void secondBackwardThroughAFreedGraphFailsLoudly() {
        Variable w = new Variable(Tensor.vector(1, 2));
        Variable h = F.mul(w, 3f).setName("h");
        Variable loss1 = sum(h);
        Variable loss2 = sum(F.mul(h, h));
        loss1.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, loss2::backward);
        assertTrue(e.getMessage().contains("variable 'h' was already freed"), e.getMessage());
        // the supported way: one backward over the summed losses
        Variable w2 = new Variable(Tensor.vector(1, 2));
        Variable h2 = F.mul(w2, 3f);
        F.add(sum(h2), sum(F.mul(h2, h2))).backward();
        // d/dw (3w + 9w^2) = 3 + 18w
        assertArrayEquals(new float[] {21, 39}, w2.grad().data());
    }

    @Test
    void functionInstanceIsSingleUse() {
        var relu = new io.dot4j.core.functions.activation.ReLU();
        Variable x = new Variable(Tensor.vector(1));
        relu.apply(x);
        assertThrows(IllegalStateException.class, () -> relu.apply(x));
    }
}
