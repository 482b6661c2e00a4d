package io.dot4j.quant.recipes;

import io.dot4j.core.autograd.NoGrad;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.nn.Module;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.optim.LrSchedule;
import io.dot4j.core.optim.Optimizer;
import io.dot4j.core.optim.OptimizerSettings;
import io.dot4j.core.tensor.Parallel;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.core.train.BatchIterator;
import io.dot4j.core.train.Checkpoint;
import io.dot4j.core.train.Evaluator;
import io.dot4j.core.train.Loss;
import io.dot4j.core.train.NonFiniteException;
import io.dot4j.core.train.Trainer;
import io.dot4j.core.train.Trigger;
import io.dot4j.core.train.Normalization;
import io.dot4j.core.train.RunOutputs;
import io.dot4j.core.zoo.ModelSpec;
import io.dot4j.core.zoo.ModelZoo;
import io.dot4j.quant.distill.Distillation;
import io.dot4j.quant.lowering.IntegerSimulation;
import io.dot4j.quant.lowering.Layouts;
import io.dot4j.quant.network.QuantizedNetwork;
import io.dot4j.quant.pruning.Pruning;
import io.dot4j.quant.pruning.PruningSchedule;
import io.dot4j.runtime.format.ModelWriter;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.kernels.IntEngine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a {@link Recipe}: builds the quantized network (a zoo twin, optionally from a float checkpoint with its batch
 * norms calibrated on the first training batch, or a layer list), trains it with the recipe's optimizer, schedule,
 * augmentation, pruning and distillation on pixels / 255 (the only input scaling that lowers exactly), evaluates the
 * fake-quantized network after every epoch, and finally lowers it and measures the integer model's accuracy.
 * Same recipe and seed, same bits.
 */
public final class RecipeRun {
    /** The checkpoint meta "kind" of a quantized network checkpoint. */
    public static final String CHECKPOINT_KIND = "dot4j-quantized";

    private RecipeRun() {
    }

    public record EpochReport(int epoch, double loss, double testAccuracy, double sparsity) {
    }

    /** The trained network, its epoch reports, the final accuracies, the lowered model and the training seconds. */
    public record Result(QuantizedNetwork network, List<EpochReport> epochs, double floatAccuracy, double integerAccuracy,
                         IntModel model, double trainSeconds) {
    }

    /** Builds the recipe's network, untrained (a zoo twin from {@code init} when given, without calibration). */
    public static QuantizedNetwork buildNetwork(Recipe r, int channels, int height, int width, int classes) throws IOException {
        if (r.network() != null) {
            if (r.network().channels() != channels || r.network().height() != height || r.network().width() != width) {
                throw new RecipeException(r.source() + ": input: the layers expect " + r.network().channels() + "x"
                        + r.network().height() + "x" + r.network().width() + " but " + r.dataset() + " has " + channels + "x" + height
                        + "x" + width);
            }
            if (r.network().numClasses() != classes) {
                throw new RecipeException(r.source() + ": layers[" + (r.network().layers().size() - 1) + "].out: expected "
                        + classes + " (the classes of " + r.dataset() + "), got " + r.network().numClasses());
            }
            QuantizedNetwork net = QuantizedNetwork.build(r.network(), new Rng(r.seed()));
            if (r.init() != null) {
                loadLayersInit(r, net);
            }
            return net;
        }
        ModelSpec spec = new ModelSpec(r.zoo(), Map.of("channels", channels, "height", height, "width", width, "classes", classes));
        Sequential floatNet;
        try {
            floatNet = ModelZoo.create(spec, new Rng(r.seed()));
        } catch (IllegalArgumentException e) {
            throw new RecipeException(r.source() + ": network: " + e.getMessage() + " (the images of " + r.dataset() + " are "
                    + channels + "x" + height + "x" + width + "; lenet300 or a \"layers\" list takes any size)", e);
        }
        if (r.init() != null) {
            Checkpoint ck = Checkpoint.read(Path.of(r.init()));
            ModelSpec saved = ck.modelSpec();
            if (!saved.name().equals(r.zoo())) {
                throw new RecipeException(r.source() + ": init: " + r.init() + " holds a " + saved.name() + ", not a " + r.zoo());
            }
            ck.loadModel(floatNet);
        }
        try {
            return QuantizedNetwork.fromFloat(floatNet, channels, height, width, r.precision(), r.overrides());
        } catch (IllegalArgumentException e) {
            throw new RecipeException(r.source() + ": overrides: " + e.getMessage(), e);
        }
    }

    /**
     * Starts a layer-list network from another recipe run's checkpoint (two-stage training): the layers must match in
     * everything but precision, and every parameter and buffer must have its counterpart.
     */
    private static void loadLayersInit(Recipe r, QuantizedNetwork net) throws IOException {
        Checkpoint ck = Checkpoint.read(Path.of(r.init()));
        Recipe saved;
        try {
            saved = RecipeCheckpoints.recipeOf(ck);
        } catch (RecipeException e) {
            throw new RecipeException(r.source() + ": init: " + e.getMessage(), e);
        }
        if (saved.network() == null) {
            throw new RecipeException(r.source() + ": init: " + r.init() + " was trained from the zoo network " + saved.zoo()
                    + ", not from a layer list");
        }
        String mismatch = saved.network().structureDifference(r.network());
        if (mismatch != null) {
            throw new RecipeException(r.source() + ": init: " + r.init() + " holds different layers: " + mismatch);
        }
        try {
            ck.loadModel(net);
        } catch (IOException e) {
            throw new RecipeException(r.source() + ": init: " + e.getMessage() + " (the two precisions have different"
                    + " quantizer parameters, e.g. pact on one side only)", e);
        }
    }

    /**
     * Where a run writes and what it continues from. With {@code outDir} the run writes, like {@code dot4j train},
     * {@code log.jsonl}, {@code loss.png}, {@code accuracy.png}, an atomic {@code checkpoint.ckpt} every
     * {@code checkpointEvery} epochs and at the end (a training snapshot that {@link RecipeCheckpoints#load} also reads), and
     * finally {@code model.dot4j}; without it everything stays in memory. {@code resume} is a checkpoint of the same
     * recipe to continue bit for bit (null: start fresh). {@code progress} receives a progress bar (null: none).
     */
    public record Options(Path outDir, Path resume, PrintStream progress, int checkpointEvery) {
        public Options {
            if (checkpointEvery < 1) {
                throw new IllegalArgumentException("recipe run: expected checkpointEvery >= 1, got " + checkpointEvery);
            }
            if (resume != null && outDir == null) {
                throw new IllegalArgumentException("recipe run: resuming needs an output folder for the checkpoints");
            }
        }

        /** Nothing written, nothing resumed, no progress bar. */
        public static Options inMemory() {
            return new Options(null, null, null, 1);
        }

        public static Options writingTo(Path outDir) {
            return new Options(outDir, null, null, 1);
        }

        public Options resumingFrom(Path checkpoint) {
            return new Options(outDir, checkpoint, progress, checkpointEvery);
        }

        public Options withProgress(PrintStream stream) {
            return new Options(outDir, resume, stream, checkpointEvery);
        }
    }

    public static Result run(Recipe r, Dataset train, Dataset test, Consumer<String> log) throws IOException {
        return run(r, train, test, Options.inMemory(), log);
    }

    /**
     * Trains the recipe with core's {@link Trainer} (loss: softmax cross-entropy, or the distillation loss with the
     * teacher's forward under NoGrad; pruning as an optimizer hook), then lowers the network and measures the integer
     * model on {@code test}. A diverging run is a {@link RecipeException} naming the parameter or layer and iteration.
     */
    public static Result run(Recipe given, Dataset train, Dataset test, Options o, Consumer<String> log) throws IOException {
        Recipe r = RecipeData.fittedTo(given, train);
        Checkpoint resume = null;
        if (o.resume() != null) {
            resume = Checkpoint.read(o.resume());
            RecipeCheckpoints.requireSameRecipe(resume, r);
        }
        QuantizedNetwork net = buildNetwork(r, train.channels(), train.height(), train.width(), train.numClasses());
        BatchIterator it = new BatchIterator(train, r.batch(), true, false, Normalization.UNIT, r.augmentation(), r.seed() + 1);
        int perEpoch = it.batchesPerEpoch();
        if (r.pretrain() != null && resume == null) {
            copyState(pretrained(r, train, test, o, log), net, r);
        }
        if ((r.init() != null || r.pretrain() != null) && resume == null) {
            int n = Math.min(train.count(), 256);
            float[] x = new float[n * train.imageSize()];
            for (int i = 0; i < n; i++) {
                train.imageAsFloats(i, x, i * train.imageSize());
            }
            net.calibrateBatchNorm(Tensor.wrap(x, n, train.channels(), train.height(), train.width()));
        }
        Optimizer opt = optimizer(r, net, perEpoch);
        Pruning pruning = null;
        if (r.pruning() != null) {
            Recipe.PruningSpec p = r.pruning();
            long begin = (long) p.startEpoch() * perEpoch + 1;
            long end = Math.max(begin, (long) p.endEpoch() * perEpoch);
            pruning = Pruning.weightsOf(net, p.scope(), new PruningSchedule(0, p.target(), begin, end, p.frequency())).attach(opt);
        }
        Trainer trainer = new Trainer(net, opt, it, r.epochs()).setLoss(loss(r))
                .setCheckpointMeta(RecipeCheckpoints.meta(r, net, train.numClasses()));
        Evaluator evaluator = new Evaluator(test, 500, Normalization.UNIT, Trigger.everyEpochs(1));
        RecipeEpochLog epochs = new RecipeEpochLog(pruning, log);
        trainer.extend(evaluator).extend(epochs);
        new RunOutputs(o.outDir(), o.checkpointEvery(), false, o.progress()).attach(trainer, perEpoch);
        if (resume != null) {
            resume.restore(trainer);
            log.accept("resumed from " + o.resume() + " at epoch " + trainer.epoch() + " of " + r.epochs() + " (iteration "
                    + trainer.iteration() + ")");
            int saved = resume.meta().path("threads").asInt(Parallel.threads());
            if (saved != Parallel.threads()) {
                log.accept("note: the checkpoint was written with " + saved + " threads, resuming with " + Parallel.threads()
                        + "; the result will not be bit-identical to an uninterrupted run");
            }
        }
        try {
            trainer.run();
        } catch (NonFiniteException e) {
            throw new RecipeException(r.source() + ": training diverged: " + e.getMessage() + " (try a lower optimizer.lr or"
                    + " optimizer.maxGradNorm)", e);
        }
        net.eval();
        IntegerSimulation sim = IntegerSimulation.of(net);
        double intAcc = integerAccuracy(sim.model(), test);
        List<EpochReport> reports = epochs.reports();
        double floatAcc = reports.isEmpty() ? Double.NaN : reports.getLast().testAccuracy();
        if (o.outDir() != null) {
            ModelWriter.write(sim.model(), o.outDir().resolve(MODEL_FILE));
        }
        return new Result(net, reports, floatAcc, intAcc, sim.model(), trainer.elapsedSeconds());
    }

    /** The folder of a two-stage run's first stage, inside the run's output folder. */
    public static final String PRETRAIN_DIR = "pretrain";

    /**
     * Runs the recipe's first stage (in {@code outDir/pretrain} when writing): continues it from its own checkpoint when
     * one exists, or only loads it when that checkpoint already holds every epoch.
     */
    private static QuantizedNetwork pretrained(Recipe r, Dataset train, Dataset test, Options o, Consumer<String> log)
            throws IOException {
        Recipe first = r.pretrain();
        Consumer<String> prefixed = line -> log.accept("pretrain: " + line);
        Options stage = o.outDir() == null ? new Options(null, null, o.progress(), o.checkpointEvery())
                : new Options(o.outDir().resolve(PRETRAIN_DIR), null, o.progress(), o.checkpointEvery());
        Path saved = stage.outDir() == null ? null : stage.outDir().resolve("checkpoint.ckpt");
        if (saved != null && Files.exists(saved)) {
            int done = Checkpoint.read(saved).epoch();
            if (done >= first.epochs() && Files.exists(stage.outDir().resolve(MODEL_FILE))) {
                prefixed.accept("finished earlier (" + saved + ", " + done + " epochs); starting the second stage from it");
                return RecipeCheckpoints.load(saved);
            }
            stage = stage.resumingFrom(saved);
        }
        prefixed.accept("first stage: " + first.precision().shortName() + " for " + first.epochs() + " epochs");
        return run(first, train, test, stage, prefixed).network();
    }

    /** Copies every parameter and buffer of the first stage's network into the second's (same names and shapes). */
    private static void copyState(QuantizedNetwork from, QuantizedNetwork to, Recipe r) {
        Map<String, Tensor> source = new LinkedHashMap<>();
        from.namedParameters().forEach((n, v) -> source.put(n, v.data()));
        from.namedBuffers().forEach(source::put);
        Map<String, Tensor> target = new LinkedHashMap<>();
        to.namedParameters().forEach((n, v) -> target.put(n, v.data()));
        to.namedBuffers().forEach(target::put);
        if (!source.keySet().equals(target.keySet())) {
            throw new RecipeException(r.source() + ": pretrain: the first stage's parameters " + source.keySet()
                    + " differ from the second's " + target.keySet() + " (e.g. pact on one side only)");
        }
        target.forEach((n, t) -> t.copyFrom(source.get(n)));
    }

    /** The lowered model's file name in a run's output folder. */
    public static final String MODEL_FILE = "model.dot4j";

    /** Softmax cross-entropy, or distillation from the recipe's float teacher (run on its own input normalization). */
    private static Loss loss(Recipe r) throws IOException {
        if (r.distillation() == null) {
            return Loss.SOFTMAX_CROSS_ENTROPY;
        }
        Checkpoint ck = Checkpoint.read(Path.of(r.distillation().teacher()));
        Module teacher = ck.zooModel(); // sized and checked before it is built
        teacher.eval();
        float[] table = ck.normalization().table();
        double alpha = r.distillation().alpha();
        double temperature = r.distillation().temperature();
        return (scores, batch) -> {
            Tensor soft;
            try (var _ = NoGrad.enter()) {
                soft = teacher.forward(Variable.constant(renormalize(batch.x(), table))).data();
            }
            return Distillation.loss(scores, Variable.constant(soft), batch.labels(), alpha, temperature);
        };
    }

    /** x = p / 255 back to the pixel p, then through the teacher's normalization table. */
    private static Tensor renormalize(Tensor x, float[] table) {
        float[] d = x.data();
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = table[Math.round(d[i] * 255f)];
        }
        return Tensor.wrap(out, x.shape());
    }

    static Optimizer optimizer(Recipe r, Module net, int perEpoch) {
        Recipe.OptimizerSpec o = r.optimizer();
        Recipe.ScheduleSpec s = r.schedule();
        long total = (long) r.epochs() * perEpoch;
        LrSchedule schedule = switch (s.kind()) {
            case "constant" -> LrSchedule.constant(o.lr());
            case "cosine" -> {
                if (s.minLr() > o.lr()) {
                    throw new RecipeException(r.source() + ": schedule.minLr: expected at most optimizer.lr = " + o.lr() + ", got "
                            + s.minLr());
                }
                yield LrSchedule.cosine(o.lr(), total, s.minLr());
            }
            default -> LrSchedule.step(o.lr(), s.gamma(), (long) s.everyEpochs() * perEpoch);
        };
        if (s.warmupEpochs() > 0) {
            schedule = schedule.withWarmup((long) s.warmupEpochs() * perEpoch);
        }
        return new OptimizerSettings(o.kind(), o.momentum(), o.nesterov(), o.weightDecay(), o.maxGradNorm())
                .create(net, schedule);
    }

    /** Accuracy of an integer model on a data set (channel-first pixels converted to the runtime's channel-last). */
    public static double integerAccuracy(IntModel model, Dataset test) {
        byte[][] images = new byte[test.count()][];
        for (int i = 0; i < images.length; i++) {
            images[i] = Layouts.toChannelLast(test.image(i), test.channels(), test.height(), test.width());
        }
        int ok = 0;
        try (IntEngine engine = new IntEngine(model)) {
            int[][] scores = engine.scoresBatch(images);
            for (int i = 0; i < images.length; i++) {
                ok += IntModel.argmax(scores[i]) == test.label(i) ? 1 : 0;
            }
        }
        return ok / (double) Math.max(1, images.length);
    }

}
