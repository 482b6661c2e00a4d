package io.dot4j.cli.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dot4j.quant.recipes.SweepPoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers behind {@code dot4j report}: points that differ only by their "seed" grid value are one configuration
 * (mean, min, max and standard deviation of accuracy over the seeds); the Pareto frontier of accuracy against file
 * bytes is computed over configurations (smallest file for its accuracy: no other configuration is at most as large
 * and at least as accurate with one of the two strict); and the markdown tables.
 */
public final class FrontierReport {
    private FrontierReport() {
    }

    /** One configuration: the points of one data set whose grid values are equal apart from "seed". */
    public record Config(String dataset, String description, List<SweepResult> points) {
        public double meanAccuracy() {
            return points.stream().mapToDouble(SweepResult::accuracy).average().orElse(Double.NaN);
        }

        public double minAccuracy() {
            return points.stream().mapToDouble(SweepResult::accuracy).min().orElse(Double.NaN);
        }

        public double maxAccuracy() {
            return points.stream().mapToDouble(SweepResult::accuracy).max().orElse(Double.NaN);
        }

        /** Sample standard deviation (0 for a single seed). */
        public double stdAccuracy() {
            int n = points.size();
            if (n < 2) {
                return 0;
            }
            double m = meanAccuracy(), s = 0;
            for (SweepResult r : points) {
                s += (r.accuracy() - m) * (r.accuracy() - m);
            }
            return Math.sqrt(s / (n - 1));
        }

        /** The file size shared by the seeds (a configuration's points all have the same bytes). */
        public long bytes() {
            return points.stream().mapToLong(SweepResult::bytes).max().orElse(0);
        }

        public String ids() {
            return String.join(" ", points.stream().map(SweepResult::id).toList());
        }
    }

    /**
     * Groups results by data set, then by grid values without "seed" and by network (file bytes and MACs: points of two
     * sweeps whose grids name the same values, e.g. only seeds, are different networks when their files differ); in
     * first-appearance order.
     */
    public static Map<String, List<Config>> configurations(List<SweepResult> results) {
        // the recorded configuration id (recipe without seed) when there is one; older files: grid values, bytes, MACs
        record Key(String description, long bytes, long macs, String config) {
        }
        Map<String, Map<Key, List<SweepResult>>> by = new LinkedHashMap<>();
        for (SweepResult r : results) {
            ObjectNode params = r.params().deepCopy();
            params.remove("seed");
            Key key = new Key(SweepPoint.describe(params), r.bytes(), r.macs(), r.config());
            by.computeIfAbsent(r.dataset(), k -> new LinkedHashMap<>()).computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        Map<String, List<Config>> out = new LinkedHashMap<>();
        by.forEach((ds, m) -> {
            Map<String, Long> sameDescription = new java.util.HashMap<>();
            m.keySet().forEach(k -> sameDescription.merge(k.description(), 1L, Long::sum));
            List<Config> list = new ArrayList<>();
            m.forEach((k, pts) -> {
                // configurations that only their recipes tell apart are named by their ids
                String d = sameDescription.get(k.description()) > 1 && k.config() != null
                        ? (k.description().isEmpty() ? k.config() : k.description() + ", " + k.config()) : k.description();
                list.add(new Config(ds, d, List.copyOf(pts)));
            });
            out.put(ds, list);
        });
        return out;
    }

    /** The Pareto frontier, by increasing bytes (and so increasing accuracy). */
    public static List<Config> frontier(List<Config> configs) {
        List<Config> sorted = new ArrayList<>(configs);
        sorted.sort(Comparator.comparingLong(Config::bytes).thenComparing(Comparator.comparingDouble(Config::meanAccuracy).reversed()));
        List<Config> front = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (Config c : sorted) {
            if (c.meanAccuracy() > best) {
                front.add(c);
                best = c.meanAccuracy();
            }
        }
        return front;
    }

    /** report.md: per data set the chart, the frontier, every configuration (when seeds were swept), every point, references. */
    public static String markdown(String source, Map<String, List<Config>> byDataset, Map<String, String> charts,
                                  Map<String, List<Reference>> references) {
        StringBuilder b = new StringBuilder();
        int points = byDataset.values().stream().mapToInt(l -> l.stream().mapToInt(c -> c.points().size()).sum()).sum();
        b.append("# Sweep report: test accuracy against model file size\n\n");
        b.append(String.format(Locale.ROOT, "From `%s`: %d points. Accuracy is the integer model file's, run by the dot4j"
                + " runtime on the full test set; bytes are the `.dot4j` file's size. Points that differ only by seed (the"
                + " same recipe otherwise: the same `config` id, or in older results the same other grid values, file size"
                + " and MACs) are one configuration (mean, min..max and standard deviation over the seeds); configurations"
                + " whose grid values look alike are named by their `config` ids. The Pareto frontier is over"
                + " configurations.%n", source, points));
        for (var e : byDataset.entrySet()) {
            String ds = e.getKey();
            List<Config> configs = e.getValue();
            b.append("\n## ").append(ds).append("\n\n");
            if (charts.containsKey(ds)) {
                b.append("![").append(ds).append(": accuracy against bytes](").append(charts.get(ds)).append(")\n\n");
            }
            b.append("### Pareto frontier\n\n");
            configTable(b, frontier(configs));
            if (configs.stream().anyMatch(c -> c.points().size() > 1)) {
                b.append("\n### All configurations (over seeds)\n\n");
                configTable(b, configs);
            }
            b.append("\n### All points\n\n");
            b.append("| id | parameters | accuracy % | bytes | peak activation bytes | MACs | images/s (1 thread) | train s |\n");
            b.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (Config c : configs) {
                for (SweepResult r : c.points()) {
                    b.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %,d | %,d | %,d | %,.0f | %.1f |%n", r.id(),
                            cell(SweepPoint.describe(r.params())), 100 * r.accuracy(), r.bytes(), r.peakActivationBytes(), r.macs(),
                            r.imagesPerSecond(), r.trainSeconds()));
                }
            }
            List<Reference> refs = references.getOrDefault(ds, List.of());
            if (!refs.isEmpty()) {
                b.append("\n### References\n\n| reference | bytes | accuracy % |\n| --- | ---: | ---: |\n");
                for (Reference r : refs) {
                    b.append(String.format(Locale.ROOT, "| %s | %,d | %s |%n", r.label(), r.bytes(),
                            r.hasAccuracy() ? String.format(Locale.ROOT, "%.2f", r.accuracyPercent()) : "not given"));
                }
            }
        }
        return b.toString();
    }

    private static void configTable(StringBuilder b, List<Config> configs) {
        b.append("| bytes | accuracy % (mean) | min..max | std | seeds | parameters | peak activation bytes | MACs | images/s | points |\n");
        b.append("| ---: | ---: | --- | ---: | ---: | --- | ---: | ---: | ---: | --- |\n");
        for (Config c : configs) {
            SweepResult first = c.points().getFirst();
            b.append(String.format(Locale.ROOT, "| %,d | %.2f | %.2f..%.2f | %.2f | %d | %s | %,d | %,d | %,.0f | %s |%n", c.bytes(),
                    100 * c.meanAccuracy(), 100 * c.minAccuracy(), 100 * c.maxAccuracy(), 100 * c.stdAccuracy(), c.points().size(),
                    cell(c.description()), first.peakActivationBytes(), first.macs(),
                    c.points().stream().mapToDouble(SweepResult::imagesPerSecond).average().orElse(0), c.ids()));
        }
    }

    /** Keeps a table cell on one line and free of column separators. */
    private static String cell(String s) {
        String t = s.isEmpty() ? "(base)" : s;
        return "`" + t.replace("|", "\\|").replace("`", "'").replace("\n", " ") + "`";
    }
}
