package io.dot4j.cli.sweep;

import io.dot4j.cli.UserError;
import io.dot4j.cli.data.CacheOption;
import io.dot4j.cli.deploy.ModelEvaluation;
import io.dot4j.core.data.DataSource;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.tensor.Parallel;
import io.dot4j.quant.recipes.Recipe;
import io.dot4j.quant.recipes.RecipeException;
import io.dot4j.quant.recipes.RecipeData;
import io.dot4j.quant.recipes.RecipeRun;
import io.dot4j.quant.recipes.Sweep;
import io.dot4j.quant.recipes.SweepParser;
import io.dot4j.quant.recipes.SweepPoint;
import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.ir.IntModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code dot4j sweep --recipe SWEEP.json --out DIR}: trains every point of a sweep recipe through the recipe machinery
 * into DIR/&lt;point-id&gt;/ (checkpoint, log, curves, model.dot4j), runs each exported file with the integer runtime on
 * the full test set and appends one line per finished point to DIR/results.jsonl. Resumable: finished points are
 * skipped, and a point interrupted mid-training continues from its own checkpoint.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train every point of a sweep recipe (a base recipe plus a grid of field values) and collect"
                + " accuracy, file bytes, peak activation memory, images/s, MACs and training time in DIR/results.jsonl.",
                "Run it again to resume: points already in results.jsonl are skipped."})
public final class SweepCommand implements Callable<Integer> {
    @Option(names = "--recipe", paramLabel = "FILE", required = true, description = "The sweep recipe (JSON).")
    Path recipe;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (results.jsonl, one folder per point).")
    Path out;

    @Option(names = "--threads", paramLabel = "T", description = "Training threads (default: all cores).")
    Integer threads;

    @Option(names = "--quiet", description = "No per-point progress bar (the overall progress is still shown).")
    boolean quiet;

    @Mixin
    CacheOption cache;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (threads != null) {
            if (threads < 1) {
                throw new UserError("--threads: expected >= 1, actual " + threads);
            }
            Parallel.setThreads(threads);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Sweep sweep;
        try {
            sweep = SweepParser.read(recipe);
        } catch (NoSuchFileException e) {
            throw new UserError("--recipe: " + recipe + " not found");
        } catch (RecipeException e) {
            throw new UserError(e.getMessage(), e);
        }
        for (SweepPoint p : sweep.points()) {
            requireFile(p, "distillation.teacher", p.recipe().distillation() == null ? null : p.recipe().distillation().teacher());
            requireFile(p, "init", p.recipe().init());
        }
        Files.createDirectories(out);
        Path results = out.resolve(ResultsFile.NAME);
        Set<String> done = new HashSet<>();
        ResultsFile.read(results).forEach(r -> done.add(r.id()));
        List<SweepPoint> points = sweep.points();
        int n = points.size();
        long todo = points.stream().filter(p -> !done.contains(p.id())).count();
        stdout.printf(Locale.ROOT, "sweep %s: %d points (grid of %d), %d already in %s, %d to train%n", recipe.getFileName(), n,
                sweep.gridSize(), n - todo, results, todo);
        stdout.flush();
        Map<String, Dataset[]> data = new HashMap<>();
        Map<String, Dataset> fullTest = new HashMap<>();
        long start = System.nanoTime();
        int trained = 0;
        // the ETA uses each point's own training time (earlier sessions included), not this run's wall time, which
        // is near zero for points that only resumed a finished checkpoint
        double trainSecondsSum = 0;
        for (int i = 0; i < n; i++) {
            SweepPoint p = points.get(i);
            if (done.contains(p.id())) {
                stdout.printf(Locale.ROOT, "point %d of %d (%s): skipping, already in %s%n", i + 1, n, p.id(), ResultsFile.NAME);
                stdout.flush();
                continue;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long left = todo - trained;
            stderr.printf(Locale.ROOT, "[sweep] point %d of %d (%s: %s), %d left to train; elapsed %s, ETA %s%n", i + 1, n, p.id(),
                    p.describe(), left, clock(elapsed), trained == 0 ? "unknown" : clock(trainSecondsSum / trained * left));
            stderr.flush();
            Recipe r = p.recipe();
            Dataset[] sets = data.computeIfAbsent(r.dataset() + "/" + r.trainLimit() + "/" + r.testLimit(), k -> load(r));
            Dataset test = fullTest.computeIfAbsent(r.dataset(), k -> loadTest(k));
            Path dir = out.resolve(p.id());
            Path ck = dir.resolve("checkpoint.ckpt");
            RecipeRun.Options options = new RecipeRun.Options(dir, Files.isRegularFile(ck) ? ck : null,
                    quiet ? null : System.err, 1);
            RecipeRun.Result res;
            try {
                res = RecipeRun.run(r, sets[0], sets[1], options, line -> {
                    stdout.println("  " + p.id() + " " + line);
                    stdout.flush();
                });
            } catch (RecipeException e) {
                throw new UserError(e.getMessage(), e);
            }
            Path modelFile = dir.resolve(RecipeRun.MODEL_FILE);
            IntModel deployed = ModelReader.read(modelFile); // measure the file, the product
            ModelEvaluation e = ModelEvaluation.run(deployed, test);
            SweepResult result = new SweepResult(p.id(), p.params(), r.dataset(), e.confusion().accuracy(), (int) e.confusion().total(),
                    res.floatAccuracy(), Files.size(modelFile), deployed.peakActivationBytes(), e.imagesPerSecondOneThread(),
                    deployed.totalMacs(), res.trainSeconds(), p.configId());
            ResultsFile.append(results, result);
            trained++;
            trainSecondsSum += result.trainSeconds();
            stdout.printf(Locale.ROOT, "point %d of %d (%s): %.2f %% on %,d %s test images, %,d bytes, %,d peak activation bytes,"
                            + " %,.0f images/s, %,d MACs, trained in %.1f s%n", i + 1, n, p.id(), 100 * result.accuracy(),
                    result.testImages(), r.dataset(), result.bytes(), result.peakActivationBytes(), result.imagesPerSecond(),
                    result.macs(), result.trainSeconds());
            stdout.flush();
        }
        stdout.printf(Locale.ROOT, "sweep done in %s: %d points in %s; draw them with: dot4j report %s --out %s%n",
                clock((System.nanoTime() - start) / 1e9), n, results, results, out.resolve("report"));
        stdout.flush();
        return 0;
    }

    private static void requireFile(SweepPoint p, String key, String file) {
        if (file != null && !Files.isRegularFile(Path.of(file))) {
            throw new UserError("point " + p.id() + " (" + p.describe() + "): " + key + ": " + file + " not found"
                    + (key.startsWith("distillation") ? "; train the float teacher first, e.g. dot4j train --data mnist --model"
                    + " lenet5 --out <its folder>" : ""));
        }
    }

    private Dataset[] load(Recipe r) {
        try {
            return RecipeData.load(r, cache.root());
        } catch (IOException e) {
            throw new UserError("cannot load " + r.dataset() + " from " + cache.root() + ": " + e.getMessage()
                    + " (dot4j data fetch " + r.dataset() + ")", e);
        }
    }

    private Dataset loadTest(String dataset) {
        try {
            return DataSource.resolve(dataset, null, cache.root()).splits().test();
        } catch (IOException e) {
            throw new UserError("cannot load " + dataset + " from " + cache.root() + ": " + e.getMessage(), e);
        }
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
