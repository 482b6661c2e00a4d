package io.dot4j.codegen.verilog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.RealImages;
import io.dot4j.runtime.TinyModels;
import io.dot4j.runtime.ir.IntModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class DesignPlanTest {
    private static final IntModel TINY = TinyModels.b(5, 1, RealImages.mnistTest(30));

    @Test
    void stagesFollowTheLayersWithThresholdsFusedAndFlattenDropped() {
        DesignPlan p = DesignPlan.of(TINY, FoldSpec.NONE);
        List<Stage> s = p.stages();
        // conv+thr, pool, conv+thr, pool, conv+thr, dense (flatten moves nothing)
        assertEquals(6, s.size());
        assertTrue(s.get(0) instanceof Stage.Mvu && s.get(1) instanceof Stage.Pool && s.get(5) instanceof Stage.Mvu);
        assertEquals(10, p.scoreLayer().outChannels());
        assertEquals(p.scoreLayer().accWidth(), p.scoreWidth());
    }

    @Test
    void givenFoldsAreKeptAndIllegalOnesNamed() {
        DesignPlan p = DesignPlan.of(TINY, FoldSpec.parse("3=4x48"));
        assertEquals(new Fold(4, 48), p.folds().folds().get(3));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DesignPlan.of(TINY, FoldSpec.parse("3=5x48")))
                .getMessage().contains("PE 5 does not divide its 32 outputs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DesignPlan.of(TINY, FoldSpec.parse("3=4x7")))
                .getMessage().contains("SIMD 7 does not divide its fan-in 144"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DesignPlan.of(TINY, FoldSpec.parse("1=1x1")))
                .getMessage().contains("not a Conv or Dense"));
    }

    @Test
    void chosenFoldsBalanceWithinTheBudget() {
        DesignPlan small = DesignPlan.of(TINY, FoldSpec.NONE, 300);
        DesignPlan large = DesignPlan.of(TINY, FoldSpec.NONE, 3_700);
        assertTrue(large.estimatedInterval() < small.estimatedInterval());
        long cost = large.mvuLayers().stream().mapToLong(FoldChooser::cost).sum();
        assertTrue(cost <= 3_700, "estimated " + cost);
        // with PE = SIMD = 1 the interval would be the slowest layer's full MAC count
        DesignPlan none = DesignPlan.of(TINY, FoldSpec.NONE, 0);
        assertTrue(none.mvuLayers().stream().allMatch(l -> l.fold().equals(new Fold(1, 1))));
    }
}
