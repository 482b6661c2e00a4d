package io.dot4j.cli.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.dot4j.cli.UserError;
import io.dot4j.cli.data.CacheOption;
import io.dot4j.cli.data.DataHelp;
import io.dot4j.cli.data.DataSets;
import io.dot4j.core.data.NamedDatasets;
import io.dot4j.core.data.SeededSplit;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.optim.LrSchedule;
import io.dot4j.core.optim.Optimizer;
import io.dot4j.core.optim.OptimizerSettings;
import io.dot4j.core.tensor.Parallel;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.train.Augmentation;
import io.dot4j.core.train.BatchIterator;
import io.dot4j.core.train.Checkpoint;
import io.dot4j.core.train.Evaluation;
import io.dot4j.core.train.Evaluator;
import io.dot4j.core.train.NonFiniteException;
import io.dot4j.core.train.Checkpointer;
import io.dot4j.core.train.Normalization;
import io.dot4j.core.train.RunOutputs;
import io.dot4j.core.train.Trainer;
import io.dot4j.core.train.Trigger;
import io.dot4j.core.zoo.ModelSpec;
import io.dot4j.core.zoo.ModelZoo;
import io.dot4j.quant.recipes.RecipeRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * {@code dot4j train}: trains a zoo network on a data set (named or a path, see DataSource), writing checkpoint.ckpt, log.jsonl, loss.png and
 * accuracy.png into --out, a progress bar to stderr, and the final test accuracy to stdout.
 *
 * <p>Defaults (the usual LeNet recipe): SGD with momentum 0.9, lr 0.01 (0.001 for Adam/AdamW) annealed by a cosine
 * schedule to 0 over all iterations, batch 64, no weight decay, no augmentation, pixels scaled to [0, 1].
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a network from the model zoo on a data set (a named one from the cache, or your own: see --data).",
                "Writes checkpoint.ckpt (every --checkpoint-every epochs and at the end), log.jsonl, loss.png and"
                        + " accuracy.png into --out; prints the final test accuracy.",
                "Defaults: SGD momentum 0.9, lr 0.01 (Adam/AdamW: 0.001), cosine schedule, batch 64.",
                "With --recipe FILE: quantization-aware training from a JSON recipe, with the same progress bar, log, curves and"
                        + " checkpoints; also writes model.dot4j (the integer model) into --out. --resume continues a recipe run"
                        + " from its checkpoint (which holds the recipe)."})
public final class TrainCommand implements Callable<Integer> {
    private static final java.util.Set<String> RECIPE_OPTIONS = java.util.Set.of("--recipe", "--resume", "--out", "--cache",
            "--threads", "--quiet");

    @Option(names = "--recipe", paramLabel = "FILE",
            description = "Quantization-aware training from a JSON recipe (network, precision, optimizer, pruning, ...);"
                    + " only --out, --resume, --cache, --threads and --quiet may be given with it.")
    Path recipe;

    @Option(names = "--data", paramLabel = "DATA", description = "The data set: " + DataHelp.REFERENCE)
    String data;

    @Option(names = "--model", paramLabel = "NAME", description = "lenet5 (default) or lenet300.")
    String model;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Epochs to train in total (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", paramLabel = "B", description = "Mini-batch size (default: 64).")
    Integer batch;

    @Option(names = "--lr", paramLabel = "X", description = "Peak learning rate (default: 0.01 for sgd, 0.001 for adam/adamw).")
    Double lr;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of initialization, shuffling, augmentation (default: 1).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "sgd (default), adam or adamw.")
    String optimizer;

    @Option(names = "--momentum", paramLabel = "M", description = "SGD momentum (default: 0.9).")
    Float momentum;

    @Option(names = "--nesterov", description = "Nesterov momentum for SGD.")
    Boolean nesterov;

    @Option(names = "--weight-decay", paramLabel = "D",
            description = "L2 decay for sgd/adam, decoupled decay for adamw (default: 0; adamw 0.01).")
    Float weightDecay;

    @Option(names = "--schedule", paramLabel = "NAME", description = "cosine (default), constant or step (x0.1 at 50%% and 75%%).")
    String schedule;

    @Option(names = "--warmup", paramLabel = "EPOCHS", description = "Linear warm-up epochs (default: 0).")
    Integer warmup;

    @Option(names = "--shift", paramLabel = "PX", description = "Random shift augmentation of up to PX pixels (default: 0).")
    Integer shift;

    @Option(names = "--flip", description = "Mirror half the training images left-right (for clothing, not digits).")
    Boolean flip;

    @Option(names = "--normalize", paramLabel = "NAME", description = "unit ([0, 1], default) or mnist ((p - mean) / std).")
    String normalize;

    @Option(names = "--clip", paramLabel = "NORM", description = "Clip gradients to this global norm (default: 0 = off).")
    Float clip;

    @Option(names = "--limit-train", paramLabel = "N", description = "Use only the first N training images.")
    Integer limitTrain;

    @Option(names = "--limit-test", paramLabel = "N", description = "Use only the first N test images.")
    Integer limitTest;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all cores). Results depend on seed and T.")
    Integer threads;

    @Option(names = "--resume", paramLabel = "CKPT", description = "Continue from a checkpoint, with its settings.")
    Path resume;

    @Option(names = "--checkpoint-every", paramLabel = "EPOCHS", defaultValue = "1",
            description = "Save a checkpoint every EPOCHS epochs (default: ${DEFAULT-VALUE}) and at the end.")
    int checkpointEvery;

    @Option(names = "--keep-checkpoints", description = "Also keep checkpoint-epoch-NNN.ckpt for every save.")
    boolean keepCheckpoints;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Mixin
    CacheOption cache;

    @Spec
    CommandSpec spec;

    /** A recipe run takes its settings from the recipe: any other option given is an error, not silently ignored. */
    private void rejectTrainingOptions(String when) {
        for (var o : spec.commandLine().getParseResult().matchedOptions()) {
            if (!RECIPE_OPTIONS.contains(o.longestName())) {
                throw new UserError(o.longestName() + ": not allowed " + when);
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        if (epochs < 1) {
            throw new UserError("--epochs: expected >= 1, actual " + epochs);
        }
        if (checkpointEvery < 1) {
            throw new UserError("--checkpoint-every: expected >= 1, actual " + checkpointEvery);
        }
        if (threads != null) {
            if (threads < 1) {
                throw new UserError("--threads: expected >= 1, actual " + threads);
            }
            Parallel.setThreads(threads);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (recipe != null) {
            rejectTrainingOptions("with --recipe (the recipe holds the training settings)");
            return RecipeTraining.run(recipe, resume, out, cache.root(), quiet, stdout);
        }
        Checkpoint ck = resume == null ? null : Checkpoint.read(resume);
        if (ck != null && RecipeRun.CHECKPOINT_KIND.equals(ck.meta().path("kind").asText())) {
            rejectTrainingOptions("when resuming a recipe run (" + resume + " holds its recipe)");
            return RecipeTraining.run(null, resume, out, cache.root(), quiet, stdout);
        }
        TrainSettings s = ck == null ? fromOptions() : fromCheckpoint(ck, stderr);
        SeededSplit.Splits splits = DataSets.resolve(s.data(), cache.root()).splits();
        Dataset train = DataSets.first(splits.train(), s.limitTrain());
        Dataset test = DataSets.first(splits.test(), s.limitTest());
        ModelSpec modelSpec = new ModelSpec(s.model(), java.util.Map.of("channels", train.channels(), "height", train.height(),
                "width", train.width(), "classes", train.numClasses()));
        Rng rng = new Rng(s.seed());
        Sequential net = ModelZoo.create(modelSpec, rng);
        Normalization norm = normalization(s.normalize());
        BatchIterator it = new BatchIterator(train, s.batch(), true, false, norm, new Augmentation(s.shift(), s.flip()), s.seed() + 1);
        long total = (long) epochs * it.batchesPerEpoch();
        LrSchedule schedule = switch (s.schedule()) {
            case "cosine" -> LrSchedule.cosine(s.lr(), total, 0);
            case "constant" -> LrSchedule.constant(s.lr());
            case "step" -> stepSchedule(s.lr(), total);
            default -> throw new UserError("--schedule: expected cosine, constant or step, actual " + s.schedule());
        };
        if (s.warmupEpochs() > 0) {
            schedule = schedule.withWarmup((long) s.warmupEpochs() * it.batchesPerEpoch());
        }
        if (!OptimizerSettings.KINDS.contains(s.optimizer())) {
            throw new UserError("--optimizer: expected sgd, adam or adamw, actual " + s.optimizer());
        }
        Optimizer opt = new OptimizerSettings(s.optimizer(), s.momentum(), s.nesterov(), s.weightDecay(), s.clip())
                .create(net, schedule);
        Trainer trainer = new Trainer(net, opt, it, epochs).setModelSpec(modelSpec).setConfig(s.toJson());
        Evaluator evaluator = new Evaluator(test, 500, norm, Trigger.everyEpochs(1));
        trainer.extend(evaluator);
        new RunOutputs(out, checkpointEvery, keepCheckpoints, quiet ? null : System.err).attach(trainer, it.batchesPerEpoch());
        if (ck != null) {
            ck.restore(trainer);
            if (trainer.epoch() >= epochs) {
                throw new UserError(resume + " already holds " + trainer.epoch() + " epochs; ask for more with --epochs (> "
                        + trainer.epoch() + ")");
            }
        }
        stdout.printf(Locale.ROOT, "training %s (%,d parameters) on %s: %d train / %d test images, %d epochs, batch %d, %s lr %s,"
                        + " %d threads%n", s.model(), net.parameterCount(), s.data(), train.count(), test.count(), epochs, s.batch(),
                s.optimizer(), s.lr(), Parallel.threads());
        stdout.flush();
        try {
            trainer.run();
        } catch (NonFiniteException e) {
            throw new UserError("training diverged: " + e.getMessage() + " (try a lower --lr or --clip)", e);
        }
        Evaluation last = evaluator.last();
        if (last == null || !trainer.isEpochEnd()) {
            last = Evaluator.evaluate(net, test, 500, norm);
        }
        stdout.printf(Locale.ROOT, "final test accuracy: %.2f%% (%d/%d) after %d epochs, %.1f s; checkpoint %s%n",
                100 * last.accuracy(), last.correct(), last.count(), trainer.epoch(), trainer.elapsedSeconds(),
                out.resolve(Checkpointer.LATEST));
        stdout.flush();
        return 0;
    }

    private static LrSchedule stepSchedule(double lr, long total) {
        // x0.1 at 50 % and 75 % of training, the classic recipe
        long half = Math.max(1, total / 2);
        long threeQuarters = Math.max(half + 1, total * 3 / 4);
        return step -> lr * (step < half ? 1 : step < threeQuarters ? 0.1 : 0.01);
    }

    static Normalization normalization(String name) {
        return switch (name) {
            case "unit" -> Normalization.UNIT;
            case "mnist" -> Normalization.MNIST;
            default -> throw new UserError("--normalize: expected unit or mnist, actual " + name);
        };
    }

    private TrainSettings fromOptions() throws java.io.IOException {
        if (data == null) {
            throw new UserError("--data is required (" + NamedDatasets.names() + " or a path) unless --resume is given");
        }
        // a path is stored absolute, so that --resume and eval find it from any folder
        String data = DataSets.resolve(this.data, cache.root()).canonical();
        String opt = Objects.requireNonNullElse(optimizer, "sgd");
        TrainSettings s = new TrainSettings(data, Objects.requireNonNullElse(model, "lenet5"), Objects.requireNonNullElse(batch, 64),
                Objects.requireNonNullElse(lr, opt.equals("sgd") ? 0.01 : 0.001), Objects.requireNonNullElse(seed, 1L), opt,
                Objects.requireNonNullElse(momentum, opt.equals("sgd") ? 0.9f : 0f), Objects.requireNonNullElse(nesterov, false),
                Objects.requireNonNullElse(weightDecay, opt.equals("adamw") ? 0.01f : 0f), Objects.requireNonNullElse(schedule, "cosine"),
                Objects.requireNonNullElse(warmup, 0), Objects.requireNonNullElse(shift, 0), Objects.requireNonNullElse(normalize, "unit"),
                Objects.requireNonNullElse(limitTrain, 0), Objects.requireNonNullElse(limitTest, 0), Objects.requireNonNullElse(clip, 0f),
                Objects.requireNonNullElse(flip, false));
        if (s.batch() < 1 || !(s.lr() > 0) || s.warmupEpochs() < 0 || s.shift() < 0 || s.limitTrain() < 0 || s.limitTest() < 0) {
            throw new UserError("expected --batch >= 1, --lr > 0, and --warmup, --shift, --limit-train, --limit-test >= 0; actual "
                    + s.toJson());
        }
        if (!ModelZoo.NAMES.contains(s.model())) {
            throw new UserError("--model: expected one of " + ModelZoo.NAMES + ", actual " + s.model());
        }
        return s;
    }

    /** The checkpoint's settings; an option given on the command line must agree with them. */
    private TrainSettings fromCheckpoint(Checkpoint ck, PrintWriter err) throws Exception {
        JsonNode c = ck.config();
        if (!c.has("model")) {
            throw new UserError(resume + " holds no training settings (a model-only file?); cannot resume");
        }
        TrainSettings s = TrainSettings.fromJson(c);
        check("--data", data == null ? null : DataSets.resolve(data, cache.root()).canonical(), s.data());
        check("--model", model, s.model());
        check("--batch", batch, s.batch());
        check("--lr", lr, s.lr());
        check("--seed", seed, s.seed());
        check("--optimizer", optimizer, s.optimizer());
        check("--momentum", momentum, s.momentum());
        check("--nesterov", nesterov, s.nesterov());
        check("--weight-decay", weightDecay, s.weightDecay());
        check("--schedule", schedule, s.schedule());
        check("--warmup", warmup, s.warmupEpochs());
        check("--shift", shift, s.shift());
        check("--normalize", normalize, s.normalize());
        check("--limit-train", limitTrain, s.limitTrain());
        check("--limit-test", limitTest, s.limitTest());
        check("--clip", clip, s.clip());
        check("--flip", flip, s.flip());
        int savedThreads = ck.meta().path("threads").asInt(Parallel.threads());
        if (savedThreads != Parallel.threads()) {
            err.println("dot4j: note: the checkpoint was written with " + savedThreads + " threads, resuming with "
                    + Parallel.threads() + "; the result will not be bit-identical to an uninterrupted run (use --threads "
                    + savedThreads + ")");
        }
        return s;
    }

    private void check(String option, Object given, Object saved) {
        if (given != null && !given.equals(saved)) {
            throw new UserError(option + " " + given + " differs from the checkpoint's " + saved + " (" + resume
                    + "); --resume continues with the saved settings, so leave the option out");
        }
    }
}
