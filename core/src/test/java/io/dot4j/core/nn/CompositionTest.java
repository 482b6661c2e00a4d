package io.dot4j.core.nn;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.core.zoo.ModelZoo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** How the quantizer will use the layers: subclass, share the parameters, override forward, swap in place. */
class CompositionTest {
    /** Applies sign() to the weights in forward, straight-through in backward (a stand-in for a real quantizer). */
    static final class SignConv2d extends Conv2d {
        SignConv2d(Conv2d source) {
            super(source);
        }

        @Override
        public Variable forward(Variable x) {
            Tensor w = weight().data();
            Tensor signs = Tensor.zerosLike(w);
            for (int i = 0; i < w.size(); i++) {
                signs.data()[i] = w.data()[i] >= 0 ? 1f : -1f;
            }
            // w + (sign(w) - w) with the difference held constant: forward sees sign(w), the gradient reaches w
            Variable q = F.add(weight(), Variable.constant(signs.sub(w)));
            return F.conv2d(x, q, bias(), stride(), pad());
        }
    }

    static final class HalfLinear extends Linear {
        HalfLinear(Linear source) {
            super(source);
        }

        @Override
        public Variable forward(Variable x) {
            return F.mul(super.forward(x), 0.5f);
        }
    }

    @Test
    void aSubclassSharesTheParametersAndKeepsThePaths() {
        Sequential net = ModelZoo.create("lenet5", new Rng(1));
        Map<String, Variable> before = net.namedParameters();
        Conv2d conv1 = (Conv2d) net.child("conv1");
        net.replaceChild("conv1", new SignConv2d(conv1));
        net.replaceChild("fc2", new HalfLinear((Linear) net.child("fc2")));
        Map<String, Variable> after = net.namedParameters();
        assertEquals(List.copyOf(before.keySet()), List.copyOf(after.keySet()));
        before.forEach((k, v) -> assertSame(v, after.get(k), k));

        Tensor x = Tensor.randn(new Rng(2), 2, 1, 28, 28);
        Variable y = net.forward(Variable.constant(x));
        F.softmaxCrossEntropy(y, new int[] {3, 7}).backward();
        assertNotNull(conv1.weight().grad(), "the straight-through gradient reaches the shared weight");
        // the replaced first layer really convolves with sign(W)
        Tensor expect = F.conv2d(Variable.constant(x), Variable.constant(signs(conv1.weight().data())),
                Variable.constant(conv1.bias().data()), 1, 0).data();
        assertArrayEquals(expect.data(), net.child("conv1").forward(Variable.constant(x)).data().data(), 1e-5f);
    }

    @Test
    void batchNormTwinSharesRunningStatistics() {
        BatchNorm bn = new BatchNorm(3);
        BatchNorm twin = new BatchNorm(bn) {
        };
        twin.forward(Variable.constant(Tensor.randn(new Rng(3), 4, 3)));
        assertSame(bn.runningMean(), twin.runningMean());
        assertEquals(List.of("mean", "var"), List.copyOf(twin.namedBuffers().keySet()));
        assertSame(bn.gamma(), twin.gamma());
    }

    private static Tensor signs(Tensor w) {
        Tensor s = Tensor.zerosLike(w);
        for (int i = 0; i < w.size(); i++) {
            s.data()[i] = w.data()[i] >= 0 ? 1f : -1f;
        }
        return s;
    }
}
