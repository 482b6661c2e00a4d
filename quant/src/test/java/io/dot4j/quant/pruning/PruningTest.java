package io.dot4j.quant.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.optim.LrSchedule;
import io.dot4j.core.optim.SGD;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.quant.layers.Precision;
import io.dot4j.quant.network.LayerSpec;
import io.dot4j.quant.network.NetworkSpec;
import io.dot4j.quant.network.QuantizedNetwork;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class PruningTest {

    @Test
    void prunesTheSmallestMagnitudesWithTiesByIndex() {
        Variable w = new Variable(Tensor.vector(0.5f, -0.1f, 0.3f, 0.1f, -0.3f, 2f));
        Pruning p = new Pruning(Map.of("w", w), Pruning.Scope.PER_LAYER, PruningSchedule.oneShot(0.5, 1));
        p.prune(0.5); // 3 of 6: -0.1 (index 1) and 0.1 (index 3) tie, then 0.3 (index 2) before -0.3 (index 4)
        assertArrayEquals(new float[] {0.5f, 0, 0, 0, -0.3f, 2f}, w.data().data());
        assertEquals(0.5, p.sparsity());
    }

    @Property(tries = 50, seed = "3")
    void hitsTheExactSparsity(@ForAll @DoubleRange(min = 0, max = 0.99) double s, @ForAll @IntRange(min = 1, max = 500) int n,
                              @ForAll @IntRange(min = 0, max = 100) int seed, @ForAll boolean global) {
        Rng rng = new Rng(seed);
        Map<String, Variable> ws = new LinkedHashMap<>();
        ws.put("a", new Variable(Tensor.randn(rng, 1f, n)));
        // the second tensor has many exact ties
        float[] tied = new float[n + 7];
        for (int i = 0; i < tied.length; i++) {
            tied[i] = (i % 3) * 0.5f;
        }
        ws.put("b", new Variable(Tensor.of(tied, tied.length)));
        Pruning p = new Pruning(ws, global ? Pruning.Scope.GLOBAL : Pruning.Scope.PER_LAYER, PruningSchedule.oneShot(s, 1));
        p.prune(s);
        Map<String, Integer> counts = p.prunedCount();
        if (global) {
            assertEquals(Math.round(s * (2 * n + 7)), counts.get("a") + counts.get("b"));
        } else {
            assertEquals(Math.round(s * n), (long) counts.get("a"));
            assertEquals(Math.round(s * (n + 7)), (long) counts.get("b"));
        }
    }

    @Test
    void polynomialScheduleRisesToTheTarget() {
        PruningSchedule s = new PruningSchedule(0, 0.8, 10, 20, 5);
        assertEquals(0, s.sparsityAt(5));
        assertEquals(0, s.sparsityAt(10));
        assertEquals(0.8 - 0.8 * 0.125, s.sparsityAt(15), 1e-12); // (1 - 0.5)^3
        assertEquals(0.8, s.sparsityAt(20));
        assertEquals(0.8, s.sparsityAt(99));
        assertEquals(List.of(10L, 15L, 20L), java.util.stream.LongStream.range(0, 30).filter(s::updatesAt).boxed().toList());
        assertThrows(IllegalArgumentException.class, () -> new PruningSchedule(0, 1.0, 1, 2, 1));
    }

    @Test
    void hooksKeepPrunedWeightsAtZeroThroughTraining() {
        QuantizedNetwork net = QuantizedNetwork.build(new NetworkSpec(1, 6, 6, List.of(
                new LayerSpec.Conv(4, 3, 1, 1, Precision.parse("w8a2")),
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(3, true, Precision.parse("w8a2")))), new Rng(1));
        SGD opt = new SGD(net, LrSchedule.constant(0.05), 0.9f, false);
        Pruning p = Pruning.weightsOf(net, Pruning.Scope.GLOBAL, new PruningSchedule(0, 0.6, 1, 9, 4)).attach(opt);
        Rng rng = new Rng(2);
        Tensor x = Tensor.uniform(rng, 0, 1, 8, 1, 6, 6);
        int[] y = {0, 1, 2, 0, 1, 2, 0, 1};
        for (int step = 1; step <= 12; step++) {
            net.cleargrads();
            F.softmaxCrossEntropy(net.forward(Variable.constant(x)), y).backward();
            opt.step();
            double expected = new PruningSchedule(0, 0.6, 1, 9, 4).sparsityAt(step >= 9 ? 9 : step >= 5 ? 5 : 1);
            int total = 4 * 9 + 3 * 144;
            int pruned = p.prunedCount().values().stream().mapToInt(Integer::intValue).sum();
            assertEquals(Math.round(expected * total), pruned, "step " + step);
            assertEquals(pruned / (double) total, p.sparsity(), 1e-12, "masked weights stay exactly 0 (step " + step + ")");
        }
        assertEquals(0.6, p.sparsity(), 1.0 / (4 * 9 + 3 * 144));
    }
}
