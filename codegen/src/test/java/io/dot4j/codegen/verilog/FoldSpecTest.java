package io.dot4j.codegen.verilog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FoldSpecTest {
    @Test
    void parsesLayersAndFolds() {
        FoldSpec s = FoldSpec.parse(" 3=2x144, 0=4x9");
        assertEquals(Map.of(0, new Fold(4, 9), 3, new Fold(2, 144)), s.folds());
        assertEquals("0=4x9,3=2x144", s.toString());
        assertEquals(s, FoldSpec.parse(s.toString()));
        assertTrue(FoldSpec.parse(null).folds().isEmpty());
        assertTrue(FoldSpec.parse("  ").folds().isEmpty());
    }

    @Test
    void rejectsMalformedSpecsWithTheItemAtFault() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FoldSpec.parse("3=2*144")).getMessage().contains("'3=2*144'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FoldSpec.parse("a=1x2")).getMessage().contains("whole numbers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FoldSpec.parse("1=0x2")).getMessage().contains("at least 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FoldSpec.parse("1=1x2,1=2x2")).getMessage().contains("twice"));
    }
}
