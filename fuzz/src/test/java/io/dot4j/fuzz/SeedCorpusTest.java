package io.dot4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every committed input runs cleanly through its harness without Jazzer too: the valid seeds and every crash found so
 * far (the regression inputs, {@code crash-*}), each under the 2 s watchdog (after a first run that loads the classes).
 */
class SeedCorpusTest {

    @Test
    void everyCommittedInputIsHandledCleanly() throws Exception {
        for (String reader : Seeds.READERS) {
            assertFalse(Seeds.files(reader).isEmpty(), "seeds of " + reader);
            for (Path p : Seeds.files(reader)) {
                byte[] bytes = Files.readAllBytes(p);
                Consumer<byte[]> h = harness(reader);
                h.accept(bytes); // once to load the classes: class loading (with Jazzer's agent) is not a hang
                assertTimeoutPreemptively(Duration.ofSeconds(2), () -> h.accept(bytes), p.toString());
            }
        }
    }

    static Consumer<byte[]> harness(String reader) {
        return switch (reader) {
            case "model" -> Readers::model;
            case "checkpoint" -> Readers::checkpoint;
            case "idx" -> Readers::idx;
            case "csv" -> Readers::csv;
            case "recipe" -> Readers::recipe;
            case "sweep" -> Readers::sweep;
            case "imageFolder" -> Readers::imageFolder;
            case "png" -> Readers::png;
            default -> throw new IllegalArgumentException(reader);
        };
    }
}
