package io.dot4j.quant.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.core.tensor.Rng;
import io.dot4j.quant.layers.Precision;
import io.dot4j.runtime.limits.LimitExceededException;
import io.dot4j.runtime.limits.ResourceLimits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class NetworkShapesTest {

    @Property(tries = 40)
    void theDeclaredSizesAreExactlyWhatBuildMakes(@ForAll @IntRange(min = 1, max = 12) int out1,
            @ForAll @IntRange(min = 1, max = 5) int kernel, @ForAll @IntRange(min = 1, max = 2) int stride,
            @ForAll @IntRange(min = 0, max = 2) int pad, @ForAll boolean bias, @ForAll boolean pact, @ForAll boolean sumpool,
            @ForAll @IntRange(min = 1, max = 9) int hidden) {
        Precision p = Precision.parse("w1a2").withActivation(2, 1f, pact);
        List<LayerSpec> layers = new ArrayList<>(List.of(new LayerSpec.Conv(out1, kernel, stride, pad, bias, p),
                new LayerSpec.MaxPool(2, 2), sumpool ? new LayerSpec.GlobalSumPool() : new LayerSpec.Flatten(),
                new LayerSpec.Dense(hidden, bias, p), new LayerSpec.Dense(10, true, p)));
        NetworkSpec spec = new NetworkSpec(2, 16, 14, layers);
        QuantizedNetwork net = QuantizedNetwork.build(spec, new Rng(1));
        long count = 0;
        for (var v : net.namedParameters().values()) {
            count += v.data().size();
        }
        for (var b : net.namedBuffers().values()) {
            count += b.size();
        }
        assertEquals(count, NetworkShapes.footprint(spec).parameters());
        Map<String, long[]> weights = NetworkShapes.weights(spec);
        assertEquals(List.of("conv1.W", "fc1.W", "fc2.W"), List.copyOf(weights.keySet()));
        for (var e : weights.entrySet()) {
            long[] built = Arrays.stream(net.namedParameters().get(e.getKey()).data().shape()).asLongStream().toArray();
            assertArrayEquals(built, e.getValue(), e.getKey());
        }
    }

    @Test
    void theCheckNamesTheLargestLayer() {
        Precision p = Precision.parse("w1a2");
        NetworkSpec spec = new NetworkSpec(1, 28, 28, List.of(new LayerSpec.Conv(8, 3, 1, 1, p), new LayerSpec.Flatten(),
                new LayerSpec.Dense(4096, false, p), new LayerSpec.Dense(10, true, p)));
        ResourceLimits small = new ResourceLimits(1_000_000, 1L << 30, 1L << 30);
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> NetworkShapes.check(spec, small, "r.json"));
        assertTrue(e.getMessage().startsWith("r.json: layers[2] (the largest part): the network needs 25,747,570 parameters, more than the limit of 1,000,000"), e.getMessage());
        NetworkShapes.check(spec, ResourceLimits.defaults(), "r.json");
    }
}
