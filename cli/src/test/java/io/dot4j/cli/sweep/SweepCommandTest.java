package io.dot4j.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.dot4j.cli.CliRun;
import io.dot4j.core.data.DataCache;
import io.dot4j.runtime.format.ModelReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

/** dot4j sweep on a small slice of the real MNIST: results, resume without retraining, corrupt results. */
class SweepCommandTest {
    @TempDir
    Path tmp;

    private static String cache() {
        Path dir = DataCache.root().resolve("mnist");
        if (!Files.isDirectory(dir)) {
            fail("MNIST is missing from the cache: " + dir + " not found. Run `dot4j data fetch mnist` or point "
                    + DataCache.VARIABLE + " at a cache.");
        }
        return DataCache.root().toString();
    }

    private Path sweep() throws Exception {
        Path f = tmp.resolve("sweep.json");
        Files.writeString(f, """
                {"base": {"dataset": {"name": "mnist", "trainLimit": 300, "testLimit": 100}, "precision": "w1a2",
                          "layers": [{"type": "conv", "out": 4, "kernel": 3, "stride": 2},
                                     {"type": "maxpool", "kernel": 2},
                                     {"type": "flatten"},
                                     {"type": "dense", "out": 10, "bias": true, "scaling": "tensor"}],
                          "optimizer": {"kind": "adam", "lr": 0.01}, "epochs": 1, "batch": 16},
                 "grid": {"layers[0].out": [4, 8]}}""");
        return f;
    }

    @Test
    void trainsEveryPointThenResumesWithoutRetraining() throws Exception {
        Path out = tmp.resolve("out");
        CliRun first = CliRun.of("sweep", "--recipe", sweep().toString(), "--out", out.toString(), "--cache", cache(),
                "--threads", "2", "--quiet");
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.err().contains("[sweep] point 1 of 2") && first.err().contains("ETA unknown"), first.err());
        assertTrue(first.err().contains("[sweep] point 2 of 2") && first.err().contains("elapsed 0:"), first.err());
        Path results = out.resolve("results.jsonl");
        List<SweepResult> rs = ResultsFile.read(results);
        assertEquals(2, rs.size());
        assertTrue(first.err().contains("ETA " + SweepCommand.clock(rs.get(0).trainSeconds())),
                "the ETA before point 2 is point 1's training time: " + first.err());
        for (SweepResult r : rs) {
            Path model = out.resolve(r.id()).resolve("model.dot4j");
            assertEquals(Files.size(model), r.bytes());
            assertEquals(ModelReader.read(model).totalMacs(), r.macs());
            assertEquals(ModelReader.read(model).peakActivationBytes(), r.peakActivationBytes());
            assertEquals(10_000, r.testImages(), "the integer model is measured on the full test set");
            assertTrue(r.accuracy() > 0.11 && r.imagesPerSecond() > 0 && r.trainSeconds() > 0, r.toString());
            assertEquals("mnist", r.dataset());
            assertTrue(Files.isRegularFile(out.resolve(r.id()).resolve("checkpoint.ckpt")));
            assertTrue(Files.isRegularFile(out.resolve(r.id()).resolve("log.jsonl")));
        }
        assertEquals(4, rs.get(0).params().get("layers[0].out").asInt());
        assertEquals(8, rs.get(1).params().get("layers[0].out").asInt());
        assertTrue(rs.get(1).bytes() > rs.get(0).bytes(), "more channels, more bytes");
        assertTrue(rs.get(0).config().matches("cf-[0-9a-f]{10}"), rs.get(0).config());
        assertNotEquals(rs.get(0).config(), rs.get(1).config(), "two networks, two configurations");

        byte[] before = Files.readAllBytes(results);
        FileTime modelTime = Files.getLastModifiedTime(out.resolve(rs.get(0).id()).resolve("model.dot4j"));
        FileTime ckTime = Files.getLastModifiedTime(out.resolve(rs.get(1).id()).resolve("checkpoint.ckpt"));
        CliRun again = CliRun.of("sweep", "--recipe", sweep().toString(), "--out", out.toString(), "--cache", cache(),
                "--threads", "2", "--quiet");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("point 1 of 2 (" + rs.get(0).id() + "): skipping, already in results.jsonl"), again.out());
        assertTrue(again.out().contains("point 2 of 2 (" + rs.get(1).id() + "): skipping, already in results.jsonl"), again.out());
        assertTrue(again.out().contains("2 already in"), again.out());
        assertFalse(again.err().contains("[sweep] point"), "nothing trained: " + again.err());
        assertArrayEquals(before, Files.readAllBytes(results));
        assertEquals(modelTime, Files.getLastModifiedTime(out.resolve(rs.get(0).id()).resolve("model.dot4j")));
        assertEquals(ckTime, Files.getLastModifiedTime(out.resolve(rs.get(1).id()).resolve("checkpoint.ckpt")));

        // a point whose result line is missing but whose training finished resumes from its own checkpoint
        List<String> lines = Files.readAllLines(results);
        Files.writeString(results, lines.get(0) + "\n");
        CliRun third = CliRun.of("sweep", "--recipe", sweep().toString(), "--out", out.toString(), "--cache", cache(),
                "--threads", "2", "--quiet");
        assertEquals(0, third.exitCode(), third.err());
        assertTrue(third.out().contains(rs.get(1).id() + " resumed from ") && third.out().contains("epoch 1 of 1"), third.out());
        List<SweepResult> back = ResultsFile.read(results);
        assertEquals(2, back.size());
        assertEquals(rs.get(1).accuracy(), back.get(1).accuracy(), "the same trained model, measured again");
        assertEquals(rs.get(1).bytes(), back.get(1).bytes());

        // a corrupt line is named, not skipped
        lines = Files.readAllLines(results);
        Files.writeString(results, lines.get(0) + "\n" + lines.get(1).substring(0, 40) + "\n");
        CliRun corrupt = CliRun.of("sweep", "--recipe", sweep().toString(), "--out", out.toString(), "--cache", cache(), "--quiet");
        assertNotEquals(0, corrupt.exitCode());
        assertTrue(corrupt.err().contains(results + ": line 2: not valid JSON"), corrupt.err());
        assertFalse(corrupt.err().contains("\tat "), corrupt.err());
    }

    @Test
    void sweepRecipeErrorsNameTheKey() throws Exception {
        Path f = tmp.resolve("bad.json");
        Files.writeString(f, "{\"base\": {\"dataset\": \"mnist\", \"network\": \"lenet300\"}, \"grid\": {\"layers[0].out\": [4]}}");
        CliRun run = CliRun.of("sweep", "--recipe", f.toString(), "--out", tmp.resolve("o").toString());
        assertNotEquals(0, run.exitCode());
        assertEquals("dot4j: bad.json: grid.layers[0].out: the base recipe has no layers to index", run.err().strip());
        Files.writeString(f, "{\"base\": {\"dataset\": \"mnist\", \"network\": \"lenet300\","
                + " \"distillation\": {\"teacher\": \"missing.ckpt\"}}, \"grid\": {\"seed\": [1]}}");
        run = CliRun.of("sweep", "--recipe", f.toString(), "--out", tmp.resolve("o").toString());
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("distillation.teacher: " + tmp.resolve("missing.ckpt") + " not found; train the float teacher"),
                run.err());
    }
}
