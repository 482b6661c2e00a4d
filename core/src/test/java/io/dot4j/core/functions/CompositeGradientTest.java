package io.dot4j.core.functions;

import io.dot4j.core.autograd.GradientCheck;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** A small conv net end to end: every parameter's gradient through the whole chain of ops. */
class CompositeGradientTest {
    @Test
    void smallConvNetGradients() {
        Rng rng = new Rng(77);
        int[] labels = {1, 0, 2};
        Tensor x = Tensor.randn(rng, 3, 2, 6, 6);
        Tensor w1 = Tensor.randn(rng, 0.5f, 4, 2, 3, 3);
        Tensor b1 = Tensor.randn(rng, 0.1f, 4);
        Tensor gamma = Tensor.uniform(rng, 0.5f, 1.5f, 4);
        Tensor beta = Tensor.randn(rng, 0.1f, 4);
        Tensor w2 = Tensor.randn(rng, 0.5f, 3, 16);
        Tensor b2 = Tensor.randn(rng, 0.1f, 3);
        // smooth ops only (tanh, average pooling) so no input sits on a kink
        GradientCheck.check(v -> {
            Variable h = F.conv2d(v[0], v[1], v[2], 1, 1);                                   // [3, 4, 6, 6]
            h = F.batchNormalization(h, v[3], v[4], null, null, 0.9f, 2e-5f);
            h = F.avgPool2d(F.tanh(h), 3, 3, 0);                                            // [3, 4, 2, 2]
            Variable scores = F.linear(h, v[5], v[6]);                                        // flattens to [3, 16]
            return F.softmaxCrossEntropy(scores, labels);
        }, 95, x, w1, b1, gamma, beta, w2, b2);
    }
}
