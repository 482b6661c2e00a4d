package io.dot4j.core.train;

import io.dot4j.core.autograd.NoGrad;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.tensor.Parallel;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.core.zoo.ModelZoo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inference forward (inside NoGrad: convolutions without an im2col matrix, dense layers as row dot products) against
 * the training forward (the graph recorded) of LeNet-5 on real MNIST test images.
 */
class InferenceForwardTest {
    private static final int IMAGES = 96;
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    private static Tensor images(Dataset d, int from, int count) {
        float[] table = Normalization.MNIST.table();
        int size = d.imageSize();
        float[] x = new float[count * size];
        byte[] px = new byte[size];
        for (int i = 0; i < count; i++) {
            d.copyImage(from + i, px, 0);
            for (int p = 0; p < size; p++) {
                x[i * size + p] = table[px[p] & 0xFF];
            }
        }
        return Tensor.wrap(x, count, d.channels(), d.height(), d.width());
    }

    private static Sequential lenet5() {
        // a short training run would not change what is compared; He-initialized weights give logits of a similar size
        Sequential net = ModelZoo.create("lenet5", new Rng(2026));
        net.eval();
        return net;
    }

    private static float[] inference(Sequential net, Tensor x) {
        try (NoGrad g = NoGrad.enter()) {
            return net.forward(Variable.constant(x)).data().data();
        }
    }

    @Test
    void matchesTheTrainingForwardToRoundingOnMnist() throws IOException {
        Dataset test = TrainData.mnist("test");
        Sequential net = lenet5();
        Tensor x = images(test, 0, IMAGES);
        float[] training = net.forward(new Variable(x)).data().data(); // the input requires a gradient: graph recorded
        float[] fast = inference(net, x);
        float scale = 0;
        float worst = 0;
        for (int i = 0; i < training.length; i++) {
            scale = Math.max(scale, Math.abs(training[i]));
            worst = Math.max(worst, Math.abs(training[i] - fast[i]));
        }
        // both paths compute the convolutions bit for bit alike; the dense layers sum 800 and 500 products in another
        // order, which moves a float32 result by a few ulps of the partial sums: far below 1e-5 of the logits' size
        assertTrue(scale > 1f, "logits too small to test with: " + scale);
        assertTrue(worst <= 1e-5f * scale, "max |difference| " + worst + " for logits up to " + scale);
    }

    @Test
    void sameBitsForEveryBatchSizeAndThreadCount() throws IOException {
        Dataset test = TrainData.mnist("test");
        Sequential net = lenet5();
        Tensor x = images(test, 100, IMAGES);
        Parallel.setThreads(1);
        float[] whole = inference(net, x);
        int classes = whole.length / IMAGES;
        for (int threads = 1; threads <= 3; threads++) {
            Parallel.setThreads(threads);
            assertArrayEquals(whole, inference(net, x), "batch " + IMAGES + ", threads " + threads);
            for (int i = 0; i < IMAGES; i += 17) {
                float[] one = inference(net, images(test, 100 + i, 1));
                assertArrayEquals(Arrays.copyOfRange(whole, i * classes, (i + 1) * classes), one, "image " + i + ", threads " + threads);
            }
        }
    }
}
