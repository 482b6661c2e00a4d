package io.dot4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    @Test
    void countsAndAccuracies() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        int[][] pairs = {{0, 0}, {0, 0}, {0, 1}, {1, 1}, {2, 0}, {2, 2}, {2, 2}, {2, 2}};
        for (int[] p : pairs) {
            m.add(p[0], p[1]);
        }
        assertEquals(8, m.total());
        assertEquals(6, m.correct());
        assertEquals(0.75, m.accuracy(), 1e-12);
        assertEquals(2.0 / 3, m.classAccuracy(0), 1e-12);
        assertEquals(1.0, m.classAccuracy(1), 1e-12);
        assertEquals(0.75, m.classAccuracy(2), 1e-12);
        assertEquals(1, m.count(2, 0));
    }

    @Test
    void emptyClassHasNoAccuracy() {
        ConfusionMatrix m = new ConfusionMatrix(2);
        m.add(0, 0);
        assertTrue(Double.isNaN(m.classAccuracy(1)));
        assertTrue(Double.isNaN(new ConfusionMatrix(2).accuracy()));
    }

    @Test
    void rejectsClassesOutOfRange() {
        ConfusionMatrix m = new ConfusionMatrix(2);
        var e = assertThrows(IllegalArgumentException.class, () -> m.add(0, 2));
        assertTrue(e.getMessage().contains("predicted 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(0));
    }

    @Test
    void printsAccuracyAndMatrixRows() {
        ConfusionMatrix m = new ConfusionMatrix(2);
        m.add(0, 0);
        m.add(1, 0);
        StringWriter s = new StringWriter();
        m.print(new PrintWriter(s, true), List.of("cat", "dog"));
        String text = s.toString();
        assertTrue(text.contains("accuracy: 50.00 % (1 of 2)"), text);
        assertTrue(text.contains("dog"), text);
        assertTrue(text.contains("   1       1     0"), text);
    }
}
