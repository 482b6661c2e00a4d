package io.dot4j.cli.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dot4j.cli.CliRun;
import io.dot4j.core.data.DataCache;
import io.dot4j.core.data.IdxDatasets;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.core.train.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** dot4j train and eval on a small slice of the real MNIST (from the cache; fails if it is missing). */
class TrainCommandTest {
    @TempDir
    Path tmp;

    private static String cache() {
        Path dir = DataCache.root().resolve("mnist");
        for (String name : IdxDatasets.standardFileNames()) {
            if (!Files.isRegularFile(dir.resolve(name)) && !Files.isRegularFile(dir.resolve(name + ".gz"))) {
                fail("MNIST is missing from the cache: " + dir.resolve(name) + " not found. Run `dot4j data fetch mnist` or point "
                        + DataCache.VARIABLE + " at a cache.");
            }
        }
        return DataCache.root().toString();
    }

    private CliRun train(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data", "mnist", "--model", "lenet300", "--batch", "32",
                "--limit-train", "320", "--limit-test", "200", "--seed", "3", "--threads", "2", "--quiet", "--cache", cache(),
                "--out", out.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void trainWritesCheckpointLogAndPlotsAndEvalReadsTheCheckpoint() throws IOException {
        Path out = tmp.resolve("run");
        CliRun run = train(out, "--epochs", "2", "--lr", "0.05");
        assertEquals(0, run.exitCode(), run.err());
        Matcher m = Pattern.compile("final test accuracy: ([0-9.]+)% \\((\\d+)/200\\) after 2 epochs").matcher(run.out());
        assertTrue(m.find(), run.out());
        double acc = Double.parseDouble(m.group(1));
        assertTrue(acc > 60, "a 320-image lenet300 should do far better than chance, got " + acc);
        for (String f : List.of("checkpoint.ckpt", "log.jsonl", "loss.png", "accuracy.png")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        List<String> log = Files.readAllLines(out.resolve("log.jsonl"));
        assertEquals(2, log.size());
        JsonNode last = new ObjectMapper().readTree(log.get(1));
        assertEquals(20, last.get("iteration").asInt());
        assertEquals(acc / 100, last.get("test_accuracy").asDouble(), 1e-9);

        CliRun ev = CliRun.of("eval", out.resolve("checkpoint.ckpt").toString(), "--limit", "200", "--cache", cache());
        assertEquals(0, ev.exitCode(), ev.err());
        assertTrue(ev.out().contains(String.format(java.util.Locale.ROOT, "accuracy: %.2f%% (%s/200)", acc, m.group(2))), ev.out());
        assertTrue(ev.out().contains("lenet300") && ev.out().contains("266,610 parameters"), ev.out());
        // the confusion matrix rows sum to the class counts and all cells to 200
        String[] lines = ev.out().split("\n");
        int start = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("confusion matrix")) {
                start = i + 2;
            }
        }
        assertTrue(start > 0, ev.out());
        int total = 0;
        int diagonal = 0;
        for (int r = 0; r < 10; r++) {
            String[] cells = lines[start + r].trim().split(" +");
            assertEquals(Integer.toString(r), cells[0]);
            for (int c = 1; c <= 10; c++) {
                int v = Integer.parseInt(cells[c]);
                total += v;
                diagonal += r == c - 1 ? v : 0;
            }
        }
        assertEquals(200, total);
        assertEquals(Integer.parseInt(m.group(2)), diagonal);
        assertTrue(ev.out().contains("per-class accuracy:") && ev.out().contains("on mnist/test (200 images)"), ev.out());
    }

    @Test
    void resumeThroughTheCommandLineEndsWithIdenticalWeights() throws IOException {
        Path straight = tmp.resolve("straight");
        Path split = tmp.resolve("split");
        assertEquals(0, train(straight, "--epochs", "2", "--schedule", "constant", "--shift", "1").exitCode());
        assertEquals(0, train(split, "--epochs", "1", "--schedule", "constant", "--shift", "1").exitCode());
        CliRun resumed = CliRun.of("train", "--resume", split.resolve("checkpoint.ckpt").toString(), "--epochs", "2", "--threads", "2",
                "--quiet", "--cache", cache(), "--out", split.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        Map<String, Tensor> a = Checkpoint.read(straight.resolve("checkpoint.ckpt")).tensors();
        Map<String, Tensor> b = Checkpoint.read(split.resolve("checkpoint.ckpt")).tensors();
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertTrue(v.bitEquals(b.get(k)), k));
        assertEquals(2, Files.readAllLines(split.resolve("log.jsonl")).size());
    }

    @Test
    void badInputGivesOneLineErrors() throws IOException {
        CliRun r = CliRun.of("train", "--data", "mnist", "--model", "vgg", "--cache", cache(), "--out", tmp.resolve("x").toString());
        assertEquals(2, r.exitCode());
        assertEquals("dot4j: --model: expected one of [lenet300, lenet5], actual vgg", r.err().strip());
        Path bad = tmp.resolve("bad.ckpt");
        Files.writeString(bad, "definitely not a checkpoint");
        r = CliRun.of("eval", bad.toString(), "--data", "mnist", "--cache", cache());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("dot4j: " + bad + ": at byte offset 0: expected magic"), r.err());
        r = train(tmp.resolve("y"), "--epochs", "1", "--lr", "1e30", "--schedule", "constant");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("dot4j: training diverged: ") && r.err().contains("iteration"), r.err());
    }
}
