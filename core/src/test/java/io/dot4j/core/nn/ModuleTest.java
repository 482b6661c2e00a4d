package io.dot4j.core.nn;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModuleTest {
    /** A block with its own parameter registered before its children, to pin the order rule. */
    static final class Block extends Module {
        final Variable scale;

        Block(Rng rng) {
            scale = addParameter("scale", Tensor.ones(3));
            addChild("conv", new Conv2d(1, 3, 3, 1, 1, rng));
            addChild("bn", new BatchNorm(3));
            addChild("drop", new Dropout(0.5f, new Rng(9)));
        }

        @Override
        public Variable forward(Variable x) {
            return child("drop").forward(child("bn").forward(F.mul(child("conv").forward(x), F.reshape(scale, 1, 3, 1, 1))));
        }
    }

    private static Sequential net() {
        Rng rng = new Rng(1);
        return new Sequential().add("block", new Block(rng)).add("flatten", new Flatten()).add("fc", new Linear(3 * 4 * 4, 2, rng));
    }

    @Test
    void namedParametersBuffersAndRngsUseDottedPathsInRegistrationOrder() {
        Sequential n = net();
        assertEquals(List.of("block.scale", "block.conv.W", "block.conv.b", "block.bn.gamma", "block.bn.beta", "fc.W", "fc.b"),
                List.copyOf(n.namedParameters().keySet()));
        assertEquals(List.of("block.bn.mean", "block.bn.var"), List.copyOf(n.namedBuffers().keySet()));
        assertEquals(List.of("block.drop.rng"), List.copyOf(n.namedRngs().keySet()));
        assertEquals(List.of("", "block", "block.conv", "block.bn", "block.drop", "flatten", "fc"),
                List.copyOf(n.namedModules().keySet()));
        assertEquals(3 + 27 + 3 + 3 + 3 + 48 * 2 + 2, n.parameterCount());
    }

    @Test
    void trainAndEvalPropagateToEveryDescendant() {
        Sequential n = net();
        n.namedModules().values().forEach(m -> assertTrue(m.isTraining()));
        n.eval();
        n.namedModules().values().forEach(m -> assertFalse(m.isTraining(), m.toString()));
        n.train();
        n.namedModules().values().forEach(m -> assertTrue(m.isTraining(), m.toString()));
    }

    @Test
    void cleargradsClearsEveryParameter() {
        Sequential n = net();
        Variable y = n.forward(Variable.constant(Tensor.randn(new Rng(2), 2, 1, 4, 4)));
        F.softmaxCrossEntropy(y, new int[] {0, 1}).backward();
        n.namedParameters().forEach((k, v) -> assertNotNull(v.grad(), k));
        n.cleargrads();
        n.namedParameters().forEach((k, v) -> assertNull(v.grad(), k));
    }

    @Test
    void replaceChildKeepsPositionAndMode() {
        Sequential n = net();
        n.eval();
        Linear old = (Linear) n.child("fc");
        Module wrapper = new Module() {
            { addChild("inner", old); }

            @Override
            public Variable forward(Variable x) {
                return F.mul(old.forward(x), 2f);
            }
        };
        assertSame(old, n.replaceChild("fc", wrapper));
        assertSame(wrapper, n.get(2));
        assertFalse(wrapper.isTraining());
        assertEquals(List.of("block.scale", "block.conv.W", "block.conv.b", "block.bn.gamma", "block.bn.beta", "fc.inner.W",
                "fc.inner.b"), List.copyOf(n.namedParameters().keySet()));
        Tensor x = Tensor.randn(new Rng(3), 1, 1, 4, 4);
        Sequential plain = net();
        plain.eval();
        float[] a = plain.forward(Variable.constant(x)).data().data();
        float[] b = n.forward(Variable.constant(x)).data().data();
        for (int i = 0; i < a.length; i++) {
            assertEquals(2 * a[i], b[i], 1e-6f);
        }
        assertThrows(IllegalArgumentException.class, () -> n.replaceChild("nope", wrapper));
    }

    /** Registers on demand, to test the name checks. */
    static final class Probe extends Module {
        Probe() {
            addParameter("W", Tensor.zeros(1));
        }

        @Override
        public Variable forward(Variable x) {
            return x;
        }

        void addBufferNamed(String name) {
            addBuffer(name, Tensor.zeros(1));
        }
    }

    @Test
    void rejectsDuplicateAndDottedNames() {
        Probe p = new Probe();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.addBufferNamed("W"));
        assertTrue(e.getMessage().contains("'W' is already registered"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.addBufferNamed("a.b"));
        assertTrue(e.getMessage().contains("without '.'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.parameter("b"));
        assertTrue(e.getMessage().contains("no parameter named 'b'"), e.getMessage());
        p.addBufferNamed("ok");
        assertEquals(List.of("ok"), List.copyOf(p.namedBuffers().keySet()));
    }
}
