package io.dot4j.cli.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.cli.CliRun;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.data.IdxDatasets;
import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.frontend.LogMelEncoding;
import io.dot4j.runtime.frontend.LogMelParameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole fold loop on a small corpus of tones (one pitch per digit, a little per-speaker detune): fast and real. */
class FoldsCommandTest {

    static byte[] toneWav(double hz, int rate, int n) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes("RIFF".getBytes());
        le(o, 36 + 2L * n, 4);
        o.writeBytes("WAVEfmt ".getBytes());
        le(o, 16, 4);
        le(o, 1, 2);
        le(o, 1, 2);
        le(o, rate, 4);
        le(o, 2L * rate, 4);
        le(o, 2, 2);
        le(o, 16, 2);
        o.writeBytes("data".getBytes());
        le(o, 2L * n, 4);
        for (int i = 0; i < n; i++) {
            le(o, Math.round(8000 * Math.sin(2 * Math.PI * hz * i / rate)), 2);
        }
        return o.toByteArray();
    }

    private static void le(ByteArrayOutputStream o, long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            o.write((int) (v >>> (8 * i)));
        }
    }

    @Test
    void trainsOneModelPerHeldOutSpeaker(@TempDir Path tmp) throws IOException {
        Path rec = Files.createDirectories(tmp.resolve("rec"));
        String[] speakers = {"ann", "bo", "cy"};
        for (int s = 0; s < speakers.length; s++) {
            for (int d = 0; d < 10; d++) {
                for (int t = 0; t < 4; t++) {
                    int rate = s == 2 ? 16_000 : 8_000; // one speaker recorded at 16 kHz: resampled on the way in
                    Files.write(rec.resolve(d + "_" + speakers[s] + "_" + t + ".wav"),
                            toneWav(300 + 300 * d + 10 * s + 3 * t, rate, rate / 4));
                }
            }
        }
        Path recipe = tmp.resolve("tones.json");
        Files.writeString(recipe, """
                {"frontend": {"frames": 8, "hop": 256, "bands": 16},
                 "train": {"input": [1, 8, 16], "precision": "w1a2",
                           "layers": [{"type": "conv", "out": 8, "kernel": 3, "pad": 1}, {"type": "flatten"},
                                      {"type": "dense", "out": 10, "bias": true}],
                           "optimizer": {"kind": "adam", "lr": 0.01}, "epochs": 3, "batch": 8, "seed": 3}}
                """);
        Path cache = tmp.resolve("cache");
        CliRun run = CliRun.of("voice", "folds", "--recipe", recipe.toString(), "--out", tmp.resolve("out").toString(),
                "--recordings", rec.toString(), "--cache", cache.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("120 recordings of 3 speakers [ann, bo, cy]"), run.out());
        for (String s : speakers) {
            assertTrue(run.out().contains("fold " + s + ": train 80 recordings"), run.out());
            assertTrue(run.out().contains("fold " + s + ": held-out speaker accuracy "), run.out());
            Path fold = tmp.resolve("out/heldout-" + s);
            ModelReader.read(fold.resolve("model.dot4j"));
            byte[] fe = Files.readAllBytes(fold.resolve("frontend.bin"));
            assertEquals(LogMelParameters.speech8k(8, 256, 16), LogMelEncoding.decode(fe, 0, fe.length, "frontend.bin"));
        }
        assertTrue(run.out().contains("mean over 3 held-out speakers: "), run.out());
        Path fold = tmp.resolve("out/heldout-cy");
        Files.write(rec.resolve("4.wav"), toneWav(1500 + 20, 8000, 2000)); // an Allison-style name: {digit}.wav
        Files.write(rec.resolve("hello.wav"), toneWav(900, 8000, 2000)); // no label: predicted, not scored
        CliRun score = CliRun.of("voice", "score", fold.resolve("model.dot4j").toString(), "--frontend",
                fold.resolve("frontend.bin").toString(), rec.toString());
        assertEquals(0, score.exitCode(), score.err());
        assertTrue(score.out().contains(" of 121 named recordings)"), score.out());
        assertTrue(score.out().lines().anyMatch(l -> l.startsWith(rec.resolve("hello.wav") + ": ") && !l.contains("right")
                && !l.contains("wrong")), score.out());
        assertEquals(122, score.out().lines().filter(l -> l.contains(".wav: ")).count());
        try (var dirs = Files.list(cache.resolve("fsdd-features"))) {
            Path features = dirs.findFirst().orElseThrow().resolve("heldout-bo");
            Dataset test = IdxDatasets.load(features, "test", 10);
            assertEquals(40, test.count());
            assertEquals(8, test.height());
            assertEquals(16, test.width());
        }
    }

    @Test
    void refusesARecipeWhoseInputDoesNotMatchTheFrontEnd(@TempDir Path tmp) throws IOException {
        Path recipe = tmp.resolve("bad.json");
        Files.writeString(recipe, """
                {"frontend": {"frames": 8, "hop": 256, "bands": 16},
                 "train": {"input": [1, 9, 16], "layers": [{"type": "flatten"}, {"type": "dense", "out": 10}]}}
                """);
        CliRun run = CliRun.of("voice", "folds", "--recipe", recipe.toString(), "--out", tmp.toString(),
                "--recordings", tmp.toString());
        assertTrue(run.exitCode() != 0);
        assertTrue(run.err().contains("bad.json: train.input: expected [1, 8, 16] (1 channel, frames, bands of the front"
                + " end), got [1, 9, 16]"), run.err());
        Files.writeString(recipe, "{\"frontend\": {\"frams\": 8}, \"train\": {}}");
        CliRun typo = CliRun.of("voice", "folds", "--recipe", recipe.toString(), "--out", tmp.toString());
        assertTrue(typo.err().contains("bad.json: frontend.frams: unknown key"), typo.err());
    }
}
