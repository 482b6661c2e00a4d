package io.dot4j.bench;

import io.dot4j.runtime.format.ModelWriter;
import io.dot4j.runtime.ir.IntModel;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The whole comparison, as markdown tables: {@code ./bench suite [--reps R] [--model FILE.dot4j]}.
 * For every case (batch 1 and 64, 1 and 2 threads) it runs, back to back in separate JMH forks, each dot4j engine and
 * ONNX Runtime (and, on 2 threads, ONNX Runtime without spinning threads), R times in a row; each score is the median
 * of JMH's measurement iterations, each ratio is computed within one repetition against ORT's best setting of that
 * repetition, and the tables show the medians over the repetitions. Then one fresh JVM per engine measures memory.
 */
@Command(name = "suite", mixinStandardHelpOptions = true,
        description = "Run the JMH benchmarks (float path, kernel, system) and the memory probe; print markdown tables.")
public final class BenchSuite implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE", description = "the deployed .dot4j model of the system benchmark"
            + " (default: the generated tiny binary CNN)")
    String model = BenchModels.GENERATED;

    @Option(names = "--reps", description = "repetitions of every case (default ${DEFAULT-VALUE})")
    int reps = 1;

    @Option(names = "--warmup", description = "JMH warm-up iterations (default ${DEFAULT-VALUE})")
    int warmup = 2;

    @Option(names = "--iterations", description = "JMH measurement iterations (default ${DEFAULT-VALUE})")
    int iterations = 3;

    @Option(names = "--seconds", description = "seconds per JMH iteration (default ${DEFAULT-VALUE})")
    int seconds = 1;

    @Option(names = "--only", split = ",", description = "a subset of: lenet (float path and system), kernel, memory,"
            + " ceiling (C reference binary kernel, dot4j's kernel and ORT's Gemm of one dense shape)")
    List<String> only = List.of("lenet", "kernel", "memory", "ceiling");

    /** JVM options of every fork: room for batch 64, ONNX Runtime's native library, and no JMH Unsafe warnings. */
    static final String[] FORK_ARGS = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "--add-modules", "jdk.incubator.vector"};
    /** Heap limit of both memory probes: ORT lives outside the Java heap, dot4j's garbage stays bounded. */
    static final String PROBE_HEAP = "-Xmx16m";

    private final PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(BenchErrors.install(new CommandLine(new BenchSuite())).execute(args));
    }

    /** One case's repeated scores: engine -> images/s of every repetition. */
    private record Case(int batch, int threads, Map<String, List<Double>> scores) {
        double median(String engine) {
            return Stats.median(scores.get(engine));
        }

        /** Median over repetitions of (engine / best ORT setting of the same repetition), and which ORT setting won. */
        double ratio(String engine, List<String> orts) {
            List<Double> r = new ArrayList<>();
            for (int i = 0; i < scores.get(engine).size(); i++) {
                double best = 0;
                for (String o : orts) {
                    if (scores.containsKey(o)) {
                        best = Math.max(best, scores.get(o).get(i));
                    }
                }
                r.add(scores.get(engine).get(i) / best);
            }
            return Stats.median(r);
        }

        String bestOrt(List<String> orts) {
            String best = null;
            for (String o : orts) {
                if (scores.containsKey(o) && (best == null || median(o) > median(best))) {
                    best = o;
                }
            }
            return best;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (reps < 1 || warmup < 0 || iterations < 1 || seconds < 1) {
            throw new IllegalArgumentException("expected --reps >= 1, --warmup >= 0, --iterations >= 1, --seconds >= 1");
        }
        for (String part : only) {
            if (!List.of("lenet", "kernel", "memory", "ceiling").contains(part)) {
                throw new IllegalArgumentException("--only: unknown part '" + part + "', expected lenet, kernel, memory"
                        + " or ceiling");
            }
        }
        BenchModels.deployed(model); // a missing or corrupt --model fails here, before any fork starts
        out.printf(Locale.ROOT, "# dot4j vs ONNX Runtime, %s%n", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        out.printf(Locale.ROOT, "JDK %s (%s), CPU %s, %d processors, load average before: %s%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), cpuModel(), Runtime.getRuntime().availableProcessors(), loadAverage());
        out.printf(Locale.ROOT, "dot4j runtime binary-conv %s%n", io.dot4j.runtime.kernels.KernelLine.current());
        out.printf(Locale.ROOT, "JMH: 1 fork per engine and case, %d warm-up + %d measured iterations of %d s; %d repetition(s)%n%n",
                warmup, iterations, seconds, reps);
        List<String> orts = List.of(Workloads.ORT, Workloads.ORT_NOSPIN);
        if (only.contains("lenet")) {
            List<Case> cases = run("LeNetBenchmark\\.forward",
                    List.of(Workloads.DOT4J_FLOAT, Workloads.DOT4J_INT, Workloads.ORT, Workloads.ORT_NOSPIN));
            table("Float path: dot4j float forward of LeNet-5 vs ONNX Runtime on the exported LeNet-5 (ratio = dot4j / ORT, 1.0 = as fast)",
                    cases, Workloads.DOT4J_FLOAT, orts, 2.29e6);
            table("System: deployed .dot4j model (" + model + ") in the runtime vs ONNX Runtime on float LeNet-5 (ratio = dot4j / ORT)",
                    cases, Workloads.DOT4J_INT, orts, 0);
        }
        if (only.contains("kernel")) {
            List<Case> cases = run("BinaryConvBenchmark\\.conv", List.of(Workloads.DOT4J, Workloads.DOT4J_A1, Workloads.ORT,
                    Workloads.ORT_NOSPIN));
            int c = BenchModels.KERNEL_CHANNELS, s = BenchModels.KERNEL_SIZE;
            table("Kernel: binary conv 64->64 3x3 on 14x14 (1-bit weights, 2-bit activations) vs ORT float Conv of the same shape"
                    + " (ratio = dot4j / ORT; MAC/s counts one multiply-add of any width)", cases, Workloads.DOT4J, orts, (double) c * c * 9 * s * s);
            table("Kernel, fully binary: the same conv with 1-bit activations (one bit-plane) vs the same ORT float Conv"
                    + " (ratio = dot4j / ORT)", cases, Workloads.DOT4J_A1, orts, (double) c * c * 9 * s * s);
        }
        if (only.contains("memory")) {
            memory();
        }
        if (only.contains("ceiling")) {
            CeilingBench.run(out, 7);
        }
        out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
        return 0;
    }

    private List<Case> run(String benchmark, List<String> engines) throws RunnerException {
        List<Case> cases = new ArrayList<>();
        for (int batch : new int[] {1, 64}) {
            for (int threads : new int[] {1, 2}) {
                Map<String, List<Double>> scores = new LinkedHashMap<>();
                for (int rep = 0; rep < reps; rep++) {
                    for (String engine : engines) {
                        if (engine.equals(Workloads.ORT_NOSPIN) && threads == 1) {
                            continue; // spinning only matters with more than one intra-op thread
                        }
                        double ips = imagesPerSecond(benchmark, engine, batch, threads);
                        scores.computeIfAbsent(engine, k -> new ArrayList<>()).add(ips);
                        System.err.printf(Locale.ROOT, "  %s batch %d, %d thread(s), %s: %,.0f images/s%n", benchmark.replace("\\", ""), batch,
                                threads, engine, ips);
                    }
                }
                cases.add(new Case(batch, threads, scores));
            }
        }
        return cases;
    }

    /** Median images/s over the measured iterations of one fork. */
    private double imagesPerSecond(String benchmark, String engine, int batch, int threads) throws RunnerException {
        OptionsBuilder b = new OptionsBuilder();
        b.include(benchmark + "$")
                .param("engine", engine)
                .param("batch", Integer.toString(batch))
                .param("threads", Integer.toString(threads))
                .forks(1)
                .warmupIterations(warmup)
                .measurementIterations(iterations)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementTime(TimeValue.seconds(seconds))
                .jvmArgsAppend(FORK_ARGS)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        if (benchmark.startsWith("LeNet")) {
            b.param("model", model);
        }
        Options options = b.build();
        List<Double> perIteration = new ArrayList<>();
        // JMH echoes what its forks print (the JVM's incubator-module warning) even when silent: send that to stderr so
        // that stdout carries only the markdown tables
        Runner runner = new Runner(options, OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT));
        for (RunResult r : runner.run()) {
            for (BenchmarkResult br : r.getBenchmarkResults()) {
                for (IterationResult ir : br.getIterationResults()) {
                    perIteration.add(ir.getPrimaryResult().getScore() * batch);
                }
            }
        }
        if (perIteration.isEmpty()) {
            throw new IllegalStateException("JMH returned no result for " + benchmark + " " + engine);
        }
        return Stats.median(perIteration);
    }

    private void table(String title, List<Case> cases, String engine, List<String> orts, double macsPerImage) {
        out.printf(Locale.ROOT, "## %s%n%n", title);
        boolean macs = macsPerImage > 0;
        out.println("| batch | threads | dot4j images/s | ORT images/s (best setting) | ratio dot4j/ORT |"
                + (macs ? " dot4j GMAC/s | ORT GMAC/s |" : ""));
        out.println("| ---: | ---: | ---: | ---: | ---: |" + (macs ? " ---: | ---: |" : ""));
        for (Case c : cases) {
            String best = c.bestOrt(orts);
            double d = c.median(engine), o = c.median(best);
            out.printf(Locale.ROOT, "| %d | %d | %,.0f | %,.0f (%s) | %.2f |", c.batch(), c.threads(), d, o, best, c.ratio(engine, orts));
            if (macs) {
                out.printf(Locale.ROOT, " %.1f | %.1f |", d * macsPerImage / 1e9, o * macsPerImage / 1e9);
            }
            out.println();
        }
        out.println();
    }

    private void memory() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("dot4j-bench");
        try {
            Path onnx = dir.resolve("lenet5.onnx");
            Files.write(onnx, BenchModels.lenet5Onnx());
            Path dot4j;
            if (model.equals(BenchModels.GENERATED)) {
                dot4j = dir.resolve("tiny.dot4j");
                IntModel m = BenchModels.tinyBinaryCnn();
                ModelWriter.write(m, dot4j);
            } else {
                dot4j = Path.of(model);
            }
            Map<String, String> ort = probe("ort", onnx);
            Map<String, String> d4j = probe("dot4j", dot4j);
            out.println("## Memory (one fresh JVM per engine, " + PROBE_HEAP + "; RSS from /proc/self/status; 50 batches of 64 on 1 thread)");
            out.println();
            out.println("| engine | model file bytes | RSS before load | RSS increase after load | RSS increase after runs | peak working memory |");
            out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
            row("ONNX Runtime, float LeNet-5", ort, "RSS increase after runs");
            row("dot4j runtime, " + (model.equals(BenchModels.GENERATED) ? "generated tiny binary CNN" : model), d4j,
                    String.format(Locale.ROOT, "%,d B (peakActivationBytes)", Long.parseLong(d4j.get("peakActivationBytes"))));
            out.println();
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private void row(String name, Map<String, String> m, String peak) {
        long before = Long.parseLong(m.get("rssBefore"));
        long loaded = Long.parseLong(m.get("rssLoaded"));
        long after = Long.parseLong(m.get("rssAfterRuns"));
        String peakText = peak.equals("RSS increase after runs") ? mib(after - before) : peak;
        out.printf(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s |%n", name, Long.parseLong(m.get("fileBytes")), mib(before),
                mib(loaded - before), mib(after - before), peakText);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static Map<String, String> probe(String engine, Path file) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, PROBE_HEAP, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), MemoryProbe.class.getName(), engine, file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            line = r.lines().reduce((a, b) -> b).orElse("");
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("memory probe for " + engine + " failed (exit " + p.exitValue() + ")");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : line.trim().split("\\s+")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return m;
    }

    static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException ignored) {
            // not Linux: say so below
        }
        return "unknown";
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
