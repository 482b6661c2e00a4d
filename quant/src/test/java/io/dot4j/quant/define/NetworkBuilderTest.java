package io.dot4j.quant.define;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.quant.layers.Precision;
import io.dot4j.quant.network.LayerSpec;
import io.dot4j.quant.network.NetworkSpec;
import io.dot4j.quant.recipes.RecipeParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NetworkBuilderTest {

    @Test
    void buildsWhatTheEquivalentRecipeLayerListBuilds() {
        NetworkSpec built = NetworkBuilder.input(1, 8, 8).precision("w1a2")
                .conv(8, 3).pad(1).maxPool(2)
                .conv(16, 3).stride(2).precision("w2a3")
                .flatten()
                .dense(4)
                .build();
        NetworkSpec parsed = RecipeParser.parse("""
                {"dataset": "mnist", "input": [1, 8, 8], "precision": "w1a2",
                 "layers": [{"type": "conv", "out": 8, "kernel": 3, "pad": 1},
                            {"type": "maxpool", "kernel": 2},
                            {"type": "conv", "out": 16, "kernel": 3, "stride": 2, "precision": "w2a3"},
                            {"type": "flatten"},
                            {"type": "dense", "out": 4}]}""", "r.json", Path.of(".")).network();
        assertEquals(parsed, built);
        assertEquals(Precision.parse("w2a3"), ((LayerSpec.Conv) built.layers().get(2)).precision());
        assertTrue(((LayerSpec.Dense) built.layers().getLast()).bias(), "the scores layer has a bias by default");
        assertEquals(false, ((LayerSpec.Dense) NetworkBuilder.input(1, 2, 2).flatten().dense(3).bias(false).build()
                .layers().getLast()).bias());
    }

    @Test
    void misuseAndLayersThatDoNotFitAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkBuilder.input(1, 8, 8).conv(4, 3).maxPool(8).flatten().dense(2).build());
        assertEquals("network: layers[1]: pooling kernel 8 exceeds the input 6x6", e.getMessage());
        assertThrows(IllegalStateException.class, () -> NetworkBuilder.input(1, 8, 8).flatten().pad(1));
        assertThrows(IllegalStateException.class, () -> NetworkBuilder.input(1, 8, 8).conv(4, 3).flatten().precision("w8a8"));
        assertThrows(IllegalArgumentException.class, () -> NetworkBuilder.input(0, 8, 8));
        assertThrows(IllegalArgumentException.class, () -> NetworkBuilder.input(1, 8, 8).precision("w9a2"));
    }
}
