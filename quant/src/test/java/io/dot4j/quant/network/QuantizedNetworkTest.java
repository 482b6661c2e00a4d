package io.dot4j.quant.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.nn.BatchNorm;
import io.dot4j.core.nn.Module;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.core.zoo.ModelZoo;
import io.dot4j.quant.layers.Precision;
import io.dot4j.quant.layers.QuantActivation;
import io.dot4j.quant.layers.QuantConv2d;
import io.dot4j.quant.layers.QuantLinear;
import io.dot4j.quant.lowering.Lowering;
import io.dot4j.quant.quantizers.Scaling;
import io.dot4j.runtime.ir.IntModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class QuantizedNetworkTest {

    @Test
    void lenet5TwinInsertsBatchNormAndActivationAndCopiesWeights() {
        Sequential lenet = ModelZoo.create("lenet5", new Rng(3));
        QuantizedNetwork q = QuantizedNetwork.fromFloat(lenet);
        assertEquals(List.of("conv1", "conv1_bn", "conv1_act", "pool1", "conv2", "conv2_bn", "conv2_act", "pool2", "flatten",
                "fc1", "fc1_bn", "fc1_act", "fc2"), q.stageNames());
        assertInstanceOf(QuantConv2d.class, q.child("conv1"));
        assertInstanceOf(BatchNorm.class, q.child("fc1_bn"));
        assertInstanceOf(QuantActivation.class, q.child("fc1_act"));
        for (String p : List.of("conv1.W", "conv1.b", "conv2.W", "fc1.W", "fc1.b", "fc2.W", "fc2.b")) {
            assertArrayEquals(lenet.namedParameters().get(p).data().data(), q.namedParameters().get(p).data().data(), p);
            assertTrue(lenet.namedParameters().get(p).data() != q.namedParameters().get(p).data(), p + " is a copy");
        }
        assertEquals(Scaling.PER_TENSOR, ((QuantLinear) q.child("fc2")).quantizer().scaling());
        Variable y = q.forward(Variable.constant(Tensor.uniform(new Rng(1), 0, 1, 2, 1, 28, 28)));
        assertArrayEquals(new int[] {2, 10}, y.shape());
        q.eval();
        IntModel m = Lowering.lower(q);
        assertEquals(10, m.numClasses());
    }

    @Test
    void lenet300TwinDropsRelus() {
        QuantizedNetwork q = QuantizedNetwork.fromFloat(ModelZoo.create("lenet300", new Rng(3)), 1, 28, 28,
                Precision.parse("w2a2"), Map.of("fc1", Precision.parse("w8a4")));
        assertEquals(List.of("flatten", "fc1", "fc1_bn", "fc1_act", "fc2", "fc2_bn", "fc2_act", "fc3"), q.stageNames());
        assertEquals(4, ((QuantActivation) q.child("fc1_act")).bits());
        assertEquals(2, ((QuantActivation) q.child("fc2_act")).bits());
        assertEquals(8, ((QuantLinear) q.child("fc1")).quantizer().runtimeBits());
        assertThrows(IllegalArgumentException.class, () -> QuantizedNetwork.fromFloat(ModelZoo.create("lenet300", new Rng(3)), 1,
                28, 28, Precision.parse("w2a2"), Map.of("nope", Precision.parse("w8a4"))));
    }

    @Test
    void calibrationSetsRunningStatisticsFromTheBatch() {
        QuantizedNetwork q = QuantizedNetwork.fromFloat(ModelZoo.create("lenet5", new Rng(3)));
        Tensor x = Tensor.uniform(new Rng(4), 0, 1, 16, 1, 28, 28);
        q.calibrateBatchNorm(x);
        BatchNorm bn = (BatchNorm) q.child("conv1_bn");
        // after calibration, the eval-mode batch norm output of this batch has mean ~0 per channel
        Module conv = q.child("conv1");
        q.eval();
        Tensor h = bn.forward(conv.forward(Variable.constant(x))).data();
        int c = h.dim(1), hw = h.dim(2) * h.dim(3);
        for (int ch = 0; ch < c; ch++) {
            double s = 0;
            for (int n = 0; n < h.dim(0); n++) {
                for (int j = 0; j < hw; j++) {
                    s += h.data()[(n * c + ch) * hw + j];
                }
            }
            assertEquals(0, s / (h.dim(0) * hw), 1e-3, "channel " + ch);
        }
    }

    @Test
    void specErrorsNameTheLayer() {
        Precision p = Precision.parse("w1a2");
        var e = assertThrows(IllegalArgumentException.class, () -> new NetworkSpec(1, 8, 8, List.of(
                new LayerSpec.Conv(4, 3, 1, 0, p), new LayerSpec.Flatten(), new LayerSpec.MaxPool(2, 2), new LayerSpec.Dense(2, true, p))));
        assertTrue(e.getMessage().contains("layers[2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NetworkSpec(1, 8, 8, List.of(new LayerSpec.Conv(4, 3, 1, 0, p))));
        assertTrue(e.getMessage().contains("last layer must be dense"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NetworkSpec(1, 4, 4, List.of(
                new LayerSpec.Conv(4, 7, 1, 0, p), new LayerSpec.Dense(2, true, p))));
        assertTrue(e.getMessage().contains("layers[0]"), e.getMessage());
    }

    @Test
    void precisionShortNames() {
        assertEquals("w1a2", Precision.parse("w1a2").shortName());
        assertEquals("wta4", Precision.parse("wta4").shortName());
        assertEquals(8, Precision.parse("w8a8").weightBits());
        assertThrows(IllegalArgumentException.class, () -> Precision.parse("w9a2"));
        assertThrows(IllegalArgumentException.class, () -> Precision.parse("w1a0"));
    }
}
