package io.dot4j.core.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.core.nn.Sequential;
import io.dot4j.core.optim.LrSchedule;
import io.dot4j.core.optim.SGD;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarExtensionTest {

    @Test
    void inALogItPrintsWholeLinesWithoutCarriageReturns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Sequential model = TrainerTest.smallCnn(3);
        BatchIterator it = new BatchIterator(TrainData.quadrants(64, 8, 2), 16, true, false, Normalization.UNIT, 0, 4);
        Trainer trainer = new Trainer(model, new SGD(model, LrSchedule.constant(0.01), 0.9f, false), it, 3);
        trainer.extend(new ProgressBarExtension(out, 2, false, 1));
        trainer.run();
        String log = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(log.contains("\r"), "a log must not be redrawn in place");
        long lines = log.lines().filter(l -> l.startsWith("train")).count();
        assertTrue(lines >= 1, "expected progress lines, got: " + log);
        assertTrue(log.lines().anyMatch(l -> l.contains("12/12")), "the last line shows every iteration done: " + log);
        assertThrows(IllegalArgumentException.class, () -> new ProgressBarExtension(out, 2, false, 0));
    }
}
