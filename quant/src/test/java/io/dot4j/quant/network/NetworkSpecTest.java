package io.dot4j.quant.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.quant.layers.Precision;
import org.junit.jupiter.api.Test;

import java.util.List;

class NetworkSpecTest {
    private static NetworkSpec net(int channels, int out, String precision, boolean pool) {
        Precision p = Precision.parse(precision);
        List<LayerSpec> layers = pool
                ? List.of(new LayerSpec.Conv(out, 3, 1, 1, p), new LayerSpec.MaxPool(2, 2), new LayerSpec.Flatten(),
                        new LayerSpec.Dense(10, true, p))
                : List.of(new LayerSpec.Conv(out, 3, 1, 1, p), new LayerSpec.Flatten(), new LayerSpec.Dense(10, true, p));
        return new NetworkSpec(channels, 12, 12, layers);
    }

    @Test
    void precisionIsNotPartOfTheStructure() {
        assertNull(net(1, 8, "w8a8", true).structureDifference(net(1, 8, "w1a2", true)));
    }

    @Test
    void differencesNameTheFirstLayerOrTheInput() {
        String widths = net(1, 8, "w1a2", true).structureDifference(net(1, 9, "w1a2", true));
        assertTrue(widths.startsWith("layers[0]: "), widths);
        assertEquals("4 layers vs 3", net(1, 8, "w1a2", true).structureDifference(net(1, 8, "w1a2", false)));
        assertEquals("input 1x12x12 vs 3x12x12", net(1, 8, "w1a2", true).structureDifference(net(3, 8, "w1a2", true)));
    }

    @Test
    void aLastLayerThatIsNotDenseIsRefusedByIndex() {
        var e = assertThrows(IllegalArgumentException.class, () -> new NetworkSpec(1, 12, 12,
                List.of(new LayerSpec.Conv(4, 3, 1, 1, Precision.parse("w1a2")))));
        assertTrue(e.getMessage().startsWith("network: layers[0]: the last layer must be dense"), e.getMessage());
    }
}
