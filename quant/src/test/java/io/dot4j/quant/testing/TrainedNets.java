package io.dot4j.quant.testing;

import io.dot4j.core.optim.Adam;
import io.dot4j.core.optim.LrSchedule;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.quant.layers.Precision;
import io.dot4j.quant.network.LayerSpec;
import io.dot4j.quant.network.NetworkSpec;
import io.dot4j.quant.network.QuantizedNetwork;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Networks trained once per test JVM on a real MNIST slice; every call returns a fresh copy. */
public final class TrainedNets {
    private static Map<String, Tensor> trained;

    private TrainedNets() {
    }

    /** conv 16@3x3 -> pool 2 -> conv 32@3x3 -> pool 2 -> flatten -> dense 10 (bias), all w1a2. */
    public static NetworkSpec smallW1A2Spec() {
        Precision p = Precision.parse("w1a2");
        return new NetworkSpec(1, 28, 28, List.of(
                new LayerSpec.Conv(16, 3, 1, 1, p),
                new LayerSpec.MaxPool(2, 2),
                new LayerSpec.Conv(32, 3, 1, 1, p),
                new LayerSpec.MaxPool(2, 2),
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(10, true, p)));
    }

    /** The small w1a2 CNN after 5 epochs of Adam (lr 5e-3, cosine to 0, batch 32) on the first 2,000 training images, eval mode. */
    public static synchronized QuantizedNetwork smallW1A2() {
        if (trained == null) {
            QuantizedNetwork net = QuantizedNetwork.build(smallW1A2Spec(), new Rng(7));
            MiniTrainer.train(net, new Adam(net, LrSchedule.cosine(5e-3, 5 * 62, 0)), Mnist.train(), 2000, 5, 32, 11);
            Map<String, Tensor> state = new LinkedHashMap<>();
            net.namedParameters().forEach((k, v) -> state.put("p:" + k, v.data().copy()));
            net.namedBuffers().forEach((k, v) -> state.put("b:" + k, v.copy()));
            trained = state;
        }
        QuantizedNetwork copy = QuantizedNetwork.build(smallW1A2Spec(), new Rng(0));
        copy.namedParameters().forEach((k, v) -> v.setData(trained.get("p:" + k).copy()));
        copy.namedBuffers().forEach((k, v) -> v.copyFrom(trained.get("b:" + k)));
        copy.eval();
        return copy;
    }
}
