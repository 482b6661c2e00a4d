package io.dot4j.runtime.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.Dot4jModel;
import io.dot4j.runtime.TinyModels;
import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.format.ModelWriter;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.kernels.IntEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineFootprintTest {

    @Test
    void aValidModelTooLargeToRunIsRefusedBeforeTheEngineAllocatesButStillReads(@TempDir Path dir) throws Exception {
        IntModel huge = UnrunnableModels.hugeInput();
        Path file = dir.resolve("huge.dot4j");
        ModelWriter.write(huge, file);
        assertTrue(Files.size(file) < 20_000, "a small file: " + Files.size(file));
        IntModel read = ModelReader.read(file); // reading and inspecting need none of the engine's memory
        assertEquals(huge.totalMacs(), read.totalMacs());
        Footprint f = EngineFootprint.of(read);
        assertEquals(16L * ((1L << 28) + 64 * 64), f.activationBytes() - 8 * (read.parameterBytes()));
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> Dot4jModel.load(file));
        assertTrue(e.getMessage().startsWith(file + ": engine: the network needs "), e.getMessage());
        assertTrue(e.getMessage().contains("bytes of activations per image, more than the limit of 536,870,912"), e.getMessage());
        assertTrue(e.getMessage().contains("-Ddot4j.limit.activationBytes="), e.getMessage());
        assertThrows(LimitExceededException.class, () -> new IntEngine(read));
    }

    @Test
    void raisingTheLimitLetsTheSameModelPassTheCheck() {
        IntModel huge = UnrunnableModels.hugeInput();
        String old = System.getProperty(ResourceLimits.ACTIVATION_BYTES_PROPERTY);
        System.setProperty(ResourceLimits.ACTIVATION_BYTES_PROPERTY, String.valueOf(16L << 30));
        try {
            EngineFootprint.check(huge, "huge.dot4j"); // no exception: the limit is the only thing that refused it
        } finally {
            if (old == null) {
                System.clearProperty(ResourceLimits.ACTIVATION_BYTES_PROPERTY);
            } else {
                System.setProperty(ResourceLimits.ACTIVATION_BYTES_PROPERTY, old);
            }
        }
        assertThrows(LimitExceededException.class, () -> EngineFootprint.check(huge, "huge.dot4j"));
    }

    @Test
    void ordinaryModelsRunUnderTheDefaults() {
        IntModel m = TinyModels.a(1, 1, new byte[][] {new byte[28 * 28]});
        Footprint f = EngineFootprint.of(m);
        assertEquals(m.totalMacs(), f.macs());
        assertTrue(f.activationBytes() < ResourceLimits.DEFAULT_ACTIVATION_BYTES);
        try (Dot4jModel model = Dot4jModel.of(m)) {
            assertEquals(10, model.predict(new byte[28 * 28]).scores().length);
        }
    }
}
