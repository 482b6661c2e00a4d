package io.dot4j.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dot4j.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** dot4j report on hand-made results whose frontier is known. */
class ReportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static SweepResult point(String id, String dataset, int channels, long seed, long bytes, double accuracy) {
        ObjectNode params = JSON.createObjectNode();
        params.put("layers[0].out", channels);
        params.put("seed", seed);
        return new SweepResult(id, params, dataset, accuracy, 10_000, accuracy, bytes, 1000 + channels, 5000.0, 100_000L * channels,
                12.5, null);
    }

    private Path results() throws Exception {
        Path f = tmp.resolve("results.jsonl");
        for (SweepResult r : List.of(
                point("pt-a", "mnist", 4, 1, 1000, 0.95),
                point("pt-b", "mnist", 16, 1, 2000, 0.97),
                point("pt-c", "mnist", 6, 1, 1500, 0.94),    // dominated by pt-a (larger and worse)
                point("pt-d", "mnist", 24, 1, 3000, 0.96),   // dominated by pt-b
                point("pt-e1", "mnist", 8, 1, 1200, 0.955),  // pt-e1 and pt-e2: one configuration, mean 0.96
                point("pt-e2", "mnist", 8, 2, 1200, 0.965),
                point("pt-f", "fashion-mnist", 8, 1, 1200, 0.85),
                point("pt-g", "fashion-mnist", 16, 1, 2000, 0.84))) { // dominated on fashion
            ResultsFile.append(f, r);
        }
        return f;
    }

    /** The "| bytes |" first column of the frontier table of one data set's section. */
    private static List<String> frontierBytes(String md, String dataset) {
        int at = md.indexOf("## " + dataset + "\n");
        String section = md.substring(md.indexOf("### Pareto frontier", at));
        section = section.substring(0, section.indexOf("\n\n", section.indexOf("| ---:")));
        List<String> bytes = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\| ([0-9,]+) \\|").matcher(section);
        while (m.find()) {
            bytes.add(m.group(1));
        }
        return bytes;
    }

    @Test
    void writesAFrontierPngPerDataSetAndAMarkdownTable() throws Exception {
        Path out = tmp.resolve("report");
        CliRun run = CliRun.of("report", results().toString(), "--out", out.toString(), "--lenet5-acc", "99.1");
        assertEquals(0, run.exitCode(), run.err());
        for (String ds : List.of("mnist", "fashion-mnist")) {
            BufferedImage img = ImageIO.read(out.resolve("frontier-" + ds + ".png").toFile());
            assertNotNull(img, ds + ": decodes as an image");
            assertEquals(FrontierChart.WIDTH, img.getWidth());
            assertEquals(FrontierChart.HEIGHT, img.getHeight());
        }
        String md = Files.readString(out.resolve("report.md"));
        assertEquals(List.of("1,000", "1,200", "2,000"), frontierBytes(md, "mnist"));
        assertEquals(List.of("1,200"), frontierBytes(md, "fashion-mnist"));
        // the seed pair is aggregated: mean 96.00, spread 95.50..96.50, two seeds, both ids
        assertTrue(md.contains("| 1,200 | 96.00 | 95.50..96.50 | 0.71 | 2 | `layers[0].out=8` |"), md);
        assertTrue(md.contains("pt-e1 pt-e2"), md);
        assertTrue(md.contains("| pt-c | `layers[0].out=6, seed=1` | 94.00 | 1,500 |"), "all points are listed: " + md);
        assertTrue(md.contains("| float LeNet-5 | 1,724,320 | 99.10 |"), md);
        assertTrue(md.contains("| float LeNet-300-100 | 1,066,440 | not given |"), md);
        assertTrue(md.contains("| Deep Compression LeNet-5 (published) | 44,000 | 99.26 |"), md);
        int fashion = md.indexOf("## fashion-mnist");
        assertTrue(fashion > 0 && !md.substring(fashion).contains("Deep Compression"), "published points are MNIST's");
        assertTrue(run.out().contains("mnist: 6 points, 5 configurations, 3 on the frontier"), run.out());
    }

    @Test
    void twoSweepsOfSeedsAreTwoConfigurationsWhenTheirNetworksDiffer() {
        // results of two seed-only sweeps concatenated: equal grid values, different networks (bytes and MACs)
        ObjectNode s1 = JSON.createObjectNode().put("seed", 1), s2 = JSON.createObjectNode().put("seed", 2);
        List<SweepResult> rs = List.of(
                new SweepResult("pt-a1", s1, "mnist", 0.96, 10_000, 0.96, 2985, 1000, 1.0, 1_584_144L, 1, null),
                new SweepResult("pt-a2", s2, "mnist", 0.95, 10_000, 0.95, 2985, 1000, 1.0, 1_584_144L, 1, null),
                new SweepResult("pt-b1", s1, "mnist", 0.97, 10_000, 0.97, 3369, 1000, 1.0, 1_655_154L, 1, null));
        var configs = FrontierReport.configurations(rs).get("mnist");
        assertEquals(2, configs.size());
        assertEquals(List.of("pt-a1", "pt-a2"), configs.get(0).points().stream().map(SweepResult::id).toList());
        assertEquals(0.955, configs.get(0).meanAccuracy(), 1e-12);
        assertEquals(List.of("pt-b1"), configs.get(1).points().stream().map(SweepResult::id).toList());
        assertEquals(2, FrontierReport.frontier(configs).size(), "the larger, more accurate network is on the frontier too");
    }

    @Test
    void twoRecipesOfTheSameNetworkStayApartByTheirConfigurationIds() throws Exception {
        // two seed sweeps of one network (same bytes and MACs) that differ only in training, e.g. the augmentation
        ObjectNode s1 = JSON.createObjectNode().put("seed", 1), s2 = JSON.createObjectNode().put("seed", 2);
        List<SweepResult> rs = List.of(
                new SweepResult("pt-a1", s1, "mnist", 0.990, 10_000, 0.99, 3310, 1000, 1.0, 1_697_760L, 1, "cf-aaaa"),
                new SweepResult("pt-a2", s2, "mnist", 0.988, 10_000, 0.99, 3310, 1000, 1.0, 1_697_760L, 1, "cf-aaaa"),
                new SweepResult("pt-b1", s1, "mnist", 0.989, 10_000, 0.99, 3310, 1000, 1.0, 1_697_760L, 1, "cf-bbbb"));
        var configs = FrontierReport.configurations(rs).get("mnist");
        assertEquals(List.of("cf-aaaa", "cf-bbbb"), configs.stream().map(FrontierReport.Config::description).toList());
        assertEquals(2, configs.get(0).points().size());
        // the id survives the results file, and an old line without one still reads
        Path file = tmp.resolve("cf.jsonl");
        for (SweepResult r : rs) {
            ResultsFile.append(file, r);
        }
        Files.writeString(file, Files.readString(file) + rs.get(0).toJson().without("config").toString()
                .replace("pt-a1", "pt-old") + "\n");
        List<SweepResult> back = ResultsFile.read(file);
        assertEquals(List.of("cf-aaaa", "cf-aaaa", "cf-bbbb"), back.subList(0, 3).stream().map(SweepResult::config).toList());
        assertEquals(null, back.get(3).config());
        assertEquals(3, FrontierReport.configurations(back).get("mnist").size(), "the old line is a configuration of its own");

        Path out = tmp.resolve("labelled");
        CliRun run = CliRun.of("report", file.toString(), "--out", out.toString(), "--label", "cf-aaaa=shift 1",
                "--label", "cf-bbbb=shift 2");
        assertEquals(0, run.exitCode(), run.err());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| 98.90 | 98.80..99.00 | 0.14 | 2 | `shift 1` |"), md);
        assertTrue(md.contains("`shift 2`") && !md.contains("`cf-aaaa`"), md);
        run = CliRun.of("report", file.toString(), "--out", out.toString(), "--label", "cf-cccc=nothing");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--label: no configuration cf-cccc in") && run.err().contains("cf-aaaa, cf-bbbb"), run.err());
    }

    @Test
    void referenceFileAndBadInputAreChecked() throws Exception {
        Path ref = tmp.resolve("ref.json");
        Files.writeString(ref, "{\"fashion-mnist\": {\"lenet5\": 91.2}}");
        Path out = tmp.resolve("r");
        CliRun run = CliRun.of("report", results().toString(), "--out", out.toString(), "--reference", ref.toString());
        assertEquals(0, run.exitCode(), run.err());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.substring(md.indexOf("## fashion-mnist")).contains("| float LeNet-5 | 1,724,320 | 91.20 |"), md);

        Files.writeString(ref, "{\"mnist\": {\"lenet7\": 91.2}}");
        run = CliRun.of("report", results().toString(), "--out", out.toString(), "--reference", ref.toString());
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("mnist.lenet7: unknown key"), run.err());

        Path bad = tmp.resolve("bad.jsonl");
        Files.writeString(bad, Files.readAllLines(results()).getFirst() + "\n{\"id\": \"x\"}\n");
        run = CliRun.of("report", bad.toString(), "--out", out.toString());
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains(bad + ": line 2: \"params\": expected an object"), run.err());
    }
}
