package io.dot4j.quant.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.core.nn.Sequential;
import io.dot4j.core.optim.Adam;
import io.dot4j.core.optim.LrSchedule;
import io.dot4j.core.optim.SGD;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.zoo.ModelZoo;
import io.dot4j.quant.layers.Precision;
import io.dot4j.quant.lowering.IntegerSimulation;
import io.dot4j.quant.testing.MiniTrainer;
import io.dot4j.quant.testing.Mnist;
import org.junit.jupiter.api.Test;

import java.util.Map;

/** Float lenet300 -> quantized twin (w2a2, 8-bit first layer) -> calibrate -> fine-tune -> integer model, on real MNIST. */
class FromFloatFineTuneTest {

    @Test
    void floatLenet300FineTunesToAnIntegerModel() {
        var train = Mnist.train();
        var test = Mnist.test();
        Sequential fp = ModelZoo.create("lenet300", new Rng(21));
        MiniTrainer.train(fp, new SGD(fp, LrSchedule.constant(0.05), 0.9f, false), train, 2000, 2, 32, 22);
        double floatAcc = MiniTrainer.accuracy(MiniTrainer.predict(fp, test, 0, 1000), test, 0);

        QuantizedNetwork q = QuantizedNetwork.fromFloat(fp, 1, 28, 28, Precision.parse("w2a2"), Map.of("fc1", Precision.parse("w8a2")));
        q.calibrateBatchNorm(Mnist.batch(train, 0, 500));
        MiniTrainer.train(q, new Adam(q, LrSchedule.constant(1e-3)), train, 2000, 2, 32, 23);
        int[] qp = MiniTrainer.predict(q, test, 0, 1000);
        double qAcc = MiniTrainer.accuracy(qp, test, 0);

        IntegerSimulation sim = IntegerSimulation.of(q);
        int agree = 0;
        int[] ip = new int[1000];
        for (int i = 0; i < 1000; i++) {
            ip[i] = sim.predict(test.image(i));
            agree += ip[i] == qp[i] ? 1 : 0;
        }
        System.out.printf("lenet300: float %.1f %%, quantized twin after fine-tuning %.1f %%, integer %.1f %%, agreement %d / 1000%n",
                100 * floatAcc, 100 * qAcc, 100 * MiniTrainer.accuracy(ip, test, 0), agree);
        assertTrue(qAcc > 0.85, "fine-tuned twin accuracy " + qAcc);
        assertTrue(agree >= 999, "integer and float predictions agree on " + agree + " / 1000");
    }
}
