package io.dot4j.core.functions;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gradients drive learning: plain SGD on a small conv net separates two synthetic image classes. */
class TinyTrainingTest {
    @Test
    void sgdLearnsLeftVersusRightBrightness() {
        Rng rng = new Rng(2026);
        int n = 32;
        Tensor x = Tensor.randn(rng, 0.3f, n, 1, 8, 8);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            // class 0: bright left half; class 1: bright right half
            for (int h = 0; h < 8; h++) {
                for (int w = 0; w < 4; w++) {
                    int col = labels[i] == 0 ? w : w + 4;
                    x.set(x.get(i, 0, h, col) + 1f, i, 0, h, col);
                }
            }
        }
        Variable w1 = new Variable(Tensor.randn(rng, 0.3f, 4, 1, 3, 3));
        Variable b1 = new Variable(Tensor.zeros(4));
        Variable w2 = new Variable(Tensor.randn(rng, 0.1f, 2, 64));
        Variable b2 = new Variable(Tensor.zeros(2));
        Variable[] params = {w1, b1, w2, b2};
        Variable input = Variable.constant(x);
        float first = Float.NaN;
        float last = Float.NaN;
        float accuracy = 0f;
        for (int step = 0; step < 40; step++) {
            Variable h = F.maxPool2d(F.relu(F.conv2d(input, w1, b1, 1, 1)), 2, 2, 0);   // [n, 4, 4, 4]
            Variable scores = F.linear(h, w2, b2);
            Variable loss = F.softmaxCrossEntropy(scores, labels);
            accuracy = F.accuracy(scores, labels).item();
            if (step == 0) {
                first = loss.item();
            }
            last = loss.item();
            for (Variable p : params) {
                p.cleargrad();
            }
            loss.backward();
            for (Variable p : params) {
                p.data().axpyInPlace(-0.5f, p.grad());
            }
        }
        assertTrue(last < 0.3f * first, "loss " + first + " -> " + last);
        assertTrue(accuracy == 1f, "accuracy " + accuracy);
    }
}
