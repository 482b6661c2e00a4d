package io.dot4j.quant.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.quant.testing.MiniTrainer;
import io.dot4j.quant.testing.Mnist;
import io.dot4j.quant.testing.TrainedNets;
import org.junit.jupiter.api.Test;

/** Quantization-aware training of a small binary-weight, 2-bit-activation CNN on a real MNIST slice. */
class QatSmokeTest {

    @Test
    void w1a2CnnLearnsMnistFromTwoThousandImages() {
        long t0 = System.nanoTime();
        QuantizedNetwork net = TrainedNets.smallW1A2();
        double acc = MiniTrainer.accuracy(MiniTrainer.predict(net, Mnist.test(), 0, 1000), Mnist.test(), 0);
        System.out.printf("w1a2 small CNN: %.1f %% on 1000 test images (%.1f s incl. training)%n", 100 * acc,
                (System.nanoTime() - t0) / 1e9);
        assertTrue(acc > 0.85, "accuracy " + acc + " <= 0.85");
    }
}
