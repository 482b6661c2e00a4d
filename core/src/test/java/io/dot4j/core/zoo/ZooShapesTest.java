package io.dot4j.core.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.core.nn.Sequential;
import io.dot4j.core.tensor.Rng;
import io.dot4j.runtime.limits.Footprint;
import io.dot4j.runtime.limits.LimitExceededException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ZooShapesTest {

    @Property(tries = 30)
    void theDeclaredShapesAreExactlyWhatTheZooBuilds(@ForAll @IntRange(min = 0, max = 1) int which,
            @ForAll @IntRange(min = 1, max = 3) int channels, @ForAll @IntRange(min = 16, max = 40) int height,
            @ForAll @IntRange(min = 16, max = 40) int width, @ForAll @IntRange(min = 2, max = 12) int classes) {
        ModelSpec spec = new ModelSpec(ModelZoo.NAMES.get(which),
                Map.of("channels", channels, "height", height, "width", width, "classes", classes));
        Sequential net = ModelZoo.create(spec, new Rng(1));
        Map<String, long[]> declared = ZooShapes.parameters(spec);
        List<String> built = new ArrayList<>();
        long count = 0;
        for (var e : net.namedParameters().entrySet()) {
            built.add(e.getKey());
            long[] shape = declared.get(e.getKey());
            assertArrayEquals(java.util.Arrays.stream(e.getValue().data().shape()).asLongStream().toArray(), shape, e.getKey());
            count += e.getValue().data().size();
        }
        assertEquals(List.copyOf(declared.keySet()), built);
        assertEquals(count, ZooShapes.footprint(spec).parameters());
    }

    @Test
    void documentedParameterCounts() {
        assertEquals(266_610, ZooShapes.footprint(ModelSpec.of("lenet300")).parameters());
        assertEquals(431_080, ZooShapes.footprint(ModelSpec.of("lenet5")).parameters());
        assertEquals(784L * 300 + 300 * 100 + 100 * 10, ZooShapes.footprint(ModelSpec.of("lenet300")).macs());
    }

    @Test
    void aHugeSpecIsRefusedBeforeAnythingIsAllocated() {
        ModelSpec huge = new ModelSpec("lenet300", Map.of("height", 2600, "width", 2600));
        Footprint f = ZooShapes.footprint(huge);
        assertEquals(2600L * 2600 * 300 + 300 + 30_100 + 1010, f.parameters());
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> ModelZoo.create(huge, new Rng(0)));
        assertTrue(e.getMessage().startsWith("model lenet300{height=2600, width=2600}: args: the network needs 2,028,031,410"
                + " parameters, more than the limit of 268,435,456"), e.getMessage());
        ModelSpec absurd = new ModelSpec("lenet5", Map.of("channels", Integer.MAX_VALUE, "height", Integer.MAX_VALUE,
                "width", Integer.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, ZooShapes.footprint(absurd).macs()); // saturates, never wraps to a small number
        assertThrows(LimitExceededException.class, () -> ModelZoo.create(absurd, new Rng(0)));
    }
}
