package io.dot4j.cli.sweep;

import io.dot4j.core.io.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dot4j.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code dot4j report RESULTS.jsonl --out DIR}: per data set a PNG of test accuracy against file bytes (log axis) with
 * the Pareto frontier and reference points, and DIR/report.md with the frontier, every configuration (mean and spread
 * over seeds) and every point.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw the accuracy-vs-bytes frontier of sweep results (frontier-<dataset>.png) and write report.md.",
                "Reference points: float LeNet-5 (1,724,320 bytes) and LeNet-300-100 (1,066,440 bytes) when their accuracy"
                        + " is given, and Deep Compression's published MNIST points (44 KB, 99.26 %%; 27 KB, 98.42 %%)."})
public final class ReportCommand implements Callable<Integer> {
    /** Published reference points exist only for the named sets. */
    private static final java.util.List<String> DATASETS = io.dot4j.core.data.NamedDatasets.NAMES;
    private static final Set<String> NETS = Set.of("lenet5", "lenet300");

    @Parameters(index = "0", paramLabel = "RESULTS", description = "results.jsonl written by dot4j sweep.")
    Path results;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where the PNGs and report.md go.")
    Path out;

    @Option(names = "--reference", paramLabel = "FILE",
            description = "JSON with float accuracies in percent: {\"mnist\": {\"lenet5\": 99.1, \"lenet300\": 98.3},"
                    + " \"fashion-mnist\": {...}}.")
    Path reference;

    @Option(names = "--lenet5-acc", paramLabel = "PCT", description = "MNIST test accuracy (%%) of the float LeNet-5.")
    Double lenet5Acc;

    @Option(names = "--lenet300-acc", paramLabel = "PCT", description = "MNIST test accuracy (%%) of the float LeNet-300-100.")
    Double lenet300Acc;

    @Option(names = "--label", paramLabel = "CONFIG=NAME",
            description = "Name a configuration by its config id from the results (e.g. cf-066a94f4fe=\"shift 1\");"
                    + " repeatable.")
    Map<String, String> labels = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    /** The configurations with the names given by --label (every label must name a configuration of the results). */
    private Map<String, List<FrontierReport.Config>> labelled(Map<String, List<FrontierReport.Config>> byDataset) {
        Set<String> known = new java.util.TreeSet<>();
        Map<String, List<FrontierReport.Config>> out = new LinkedHashMap<>();
        byDataset.forEach((ds, configs) -> {
            List<FrontierReport.Config> named = new ArrayList<>();
            for (FrontierReport.Config c : configs) {
                String id = c.points().getFirst().config();
                if (id != null) {
                    known.add(id);
                }
                String name = id == null ? null : labels.get(id);
                named.add(name == null ? c : new FrontierReport.Config(c.dataset(), name, c.points()));
            }
            out.put(ds, named);
        });
        for (String id : labels.keySet()) {
            if (!known.contains(id)) {
                throw new UserError("--label: no configuration " + id + " in " + results + " (its configurations: "
                        + (known.isEmpty() ? "none recorded" : String.join(", ", known)) + ")");
            }
        }
        return out;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        if (!Files.isRegularFile(results)) {
            throw new UserError(results + ": no such results file");
        }
        List<SweepResult> all = ResultsFile.read(results);
        if (all.isEmpty()) {
            throw new UserError(results + ": no results yet (run dot4j sweep first)");
        }
        Map<String, Map<String, Double>> floats = referenceAccuracies();
        Map<String, List<FrontierReport.Config>> byDataset = labelled(FrontierReport.configurations(all));
        Map<String, String> charts = new LinkedHashMap<>();
        Map<String, List<Reference>> refs = new LinkedHashMap<>();
        Files.createDirectories(out);
        for (var e : byDataset.entrySet()) {
            String ds = e.getKey();
            Map<String, Double> f = floats.getOrDefault(ds, Map.of());
            List<Reference> r = new ArrayList<>();
            r.add(new Reference("float LeNet-5", Reference.LENET5_FLOAT_BYTES, f.getOrDefault("lenet5", Double.NaN)));
            r.add(new Reference("float LeNet-300-100", Reference.LENET300_FLOAT_BYTES, f.getOrDefault("lenet300", Double.NaN)));
            if (ds.equals("mnist")) {
                r.add(Reference.deepCompressionLenet5());
                r.add(Reference.deepCompressionLenet300());
            }
            refs.put(ds, r);
            String png = "frontier-" + ds.replaceAll("[^A-Za-z0-9_.-]", "_") + ".png";
            FrontierChart.write(out.resolve(png), ds, e.getValue(), r);
            charts.put(ds, png);
            List<FrontierReport.Config> front = FrontierReport.frontier(e.getValue());
            stdout.printf(Locale.ROOT, "%s: %d points, %d configurations, %d on the frontier (%,d bytes at %.2f %% .. %,d bytes at %.2f %%);"
                            + " %s%n", ds, e.getValue().stream().mapToInt(c -> c.points().size()).sum(), e.getValue().size(), front.size(),
                    front.getFirst().bytes(), 100 * front.getFirst().meanAccuracy(), front.getLast().bytes(),
                    100 * front.getLast().meanAccuracy(), out.resolve(png));
        }
        String md = FrontierReport.markdown(results.getFileName().toString(), byDataset, charts, refs);
        Path report = out.resolve("report.md");
        AtomicFiles.write(report, md.getBytes(StandardCharsets.UTF_8));
        stdout.println("report: " + report);
        stdout.flush();
        return 0;
    }

    /** Float accuracies (percent) by data set and network: the --reference file, then the flags (MNIST) over it. */
    private Map<String, Map<String, Double>> referenceAccuracies() throws IOException {
        Map<String, Map<String, Double>> acc = new LinkedHashMap<>();
        if (reference != null) {
            JsonNode root;
            try {
                // bounded, regular files only; read as bytes, so invalid UTF-8 is a JSON error with its location
                root = new ObjectMapper().readTree(io.dot4j.runtime.io.InputFiles.readAllBytes(reference, 16L << 20));
            } catch (NoSuchFileException e) {
                throw new UserError("--reference: " + reference + " not found");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UserError(reference + ": invalid JSON at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
            } catch (java.io.CharConversionException e) {
                throw new UserError(reference + ": not UTF-8 JSON: " + e.getMessage());
            }
            if (root == null || !root.isObject()) {
                throw new UserError(reference + ": expected an object {\"mnist\": {\"lenet5\": PCT, ...}, ...}");
            }
            for (var d : root.properties()) {
                if (!DATASETS.contains(d.getKey()) || !d.getValue().isObject()) {
                    throw new UserError(reference + ": " + d.getKey() + ": expected one of " + DATASETS + " holding an object");
                }
                for (var n : d.getValue().properties()) {
                    String at = d.getKey() + "." + n.getKey();
                    if (!NETS.contains(n.getKey())) {
                        throw new UserError(reference + ": " + at + ": unknown key; expected one of " + NETS);
                    }
                    acc.computeIfAbsent(d.getKey(), k -> new LinkedHashMap<>()).put(n.getKey(), percent(at, n.getValue()));
                }
            }
        }
        if (lenet5Acc != null) {
            acc.computeIfAbsent("mnist", k -> new LinkedHashMap<>()).put("lenet5", percent("--lenet5-acc", lenet5Acc));
        }
        if (lenet300Acc != null) {
            acc.computeIfAbsent("mnist", k -> new LinkedHashMap<>()).put("lenet300", percent("--lenet300-acc", lenet300Acc));
        }
        return acc;
    }

    private double percent(String at, JsonNode v) {
        if (!v.isNumber()) {
            throw new UserError(reference + ": " + at + ": expected a percentage 0..100, got " + v);
        }
        return percent(reference + ": " + at, v.asDouble());
    }

    private static double percent(String at, double v) {
        if (!(v >= 0 && v <= 100)) {
            throw new UserError(at + ": expected a percentage 0..100, got " + v);
        }
        return v;
    }
}
