package io.dot4j.quant.recipes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dot4j.core.autograd.NoGrad;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.data.DataCache;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.functions.F;
import io.dot4j.core.nn.Module;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.optim.Adam;
import io.dot4j.core.optim.AdamW;
import io.dot4j.core.optim.LrSchedule;
import io.dot4j.core.optim.Optimizer;
import io.dot4j.core.optim.SGD;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.core.train.Batch;
import io.dot4j.core.train.BatchIterator;
import io.dot4j.core.train.Checkpoint;
import io.dot4j.core.train.CheckpointFile;
import io.dot4j.core.train.Evaluator;
import io.dot4j.core.train.Normalization;
import io.dot4j.core.zoo.ModelSpec;
import io.dot4j.core.zoo.ModelZoo;
import io.dot4j.quant.distill.Distillation;
import io.dot4j.quant.lowering.IntegerSimulation;
import io.dot4j.quant.lowering.Layouts;
import io.dot4j.quant.network.QuantizedNetwork;
import io.dot4j.quant.pruning.Pruning;
import io.dot4j.quant.pruning.PruningSchedule;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.kernels.IntEngine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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

    public record Result(QuantizedNetwork network, List<EpochReport> epochs, double floatAccuracy, double integerAccuracy,
                         IntModel model) {
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
            return QuantizedNetwork.build(r.network(), new Rng(r.seed()));
        }
        ModelSpec spec = new ModelSpec(r.zoo(), Map.of("channels", channels, "height", height, "width", width, "classes", classes));
        Sequential floatNet = ModelZoo.create(spec, new Rng(r.seed()));
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

    /** Loads the recipe's data sets from the cache root (limits applied). */
    public static Dataset[] data(Recipe r, Path cacheRoot) throws IOException {
        Dataset train = DataCache.load(cacheRoot, r.dataset(), "train");
        Dataset test = DataCache.load(cacheRoot, r.dataset(), "test");
        if (r.trainLimit() > 0 && r.trainLimit() < train.count()) {
            train = train.slice(0, r.trainLimit());
        }
        if (r.testLimit() > 0 && r.testLimit() < test.count()) {
            test = test.slice(0, r.testLimit());
        }
        return new Dataset[] {train, test};
    }

    public static Result run(Recipe r, Dataset train, Dataset test, Consumer<String> log) throws IOException {
        QuantizedNetwork net = buildNetwork(r, train.channels(), train.height(), train.width(), train.numClasses());
        BatchIterator it = new BatchIterator(train, r.batch(), true, false, Normalization.UNIT, r.shift(), r.seed() + 1);
        int perEpoch = it.batchesPerEpoch();
        if (r.init() != null) {
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
        Module teacher = null;
        float[] teacherTable = null;
        if (r.distillation() != null) {
            Checkpoint ck = Checkpoint.read(Path.of(r.distillation().teacher()));
            teacher = ModelZoo.create(ck.modelSpec(), new Rng(0));
            ck.loadModel(teacher);
            teacher.eval();
            teacherTable = ck.normalization().table();
        }
        List<EpochReport> reports = new ArrayList<>();
        for (int epoch = 1; epoch <= r.epochs(); epoch++) {
            net.train();
            double lossSum = 0;
            for (int b = 0; b < perEpoch; b++) {
                Batch batch = it.next();
                Variable scores = net.forward(Variable.constant(batch.x()));
                Variable loss;
                if (teacher != null) {
                    Tensor soft;
                    try (var _ = NoGrad.enter()) {
                        soft = teacher.forward(Variable.constant(renormalize(batch.x(), teacherTable))).data();
                    }
                    loss = Distillation.loss(scores, Variable.constant(soft), batch.labels(), r.distillation().alpha(),
                            r.distillation().temperature());
                } else {
                    loss = F.softmaxCrossEntropy(scores, batch.labels());
                }
                float l = loss.item();
                if (!Float.isFinite(l)) {
                    throw new RecipeException(r.source() + ": training diverged: loss " + l + " in epoch " + epoch
                            + " (try a lower optimizer.lr)");
                }
                lossSum += l;
                net.cleargrads();
                loss.backward();
                opt.step();
            }
            double acc = Evaluator.evaluate(net, test, 500, Normalization.UNIT).accuracy();
            EpochReport rep = new EpochReport(epoch, lossSum / perEpoch, acc, pruning == null ? 0 : pruning.sparsity());
            reports.add(rep);
            log.accept(String.format(java.util.Locale.ROOT, "epoch %d: loss %.4f, test accuracy %.2f %%%s", epoch, rep.loss(),
                    100 * acc, pruning == null ? "" : String.format(java.util.Locale.ROOT, ", sparsity %.3f", rep.sparsity())));
        }
        net.eval();
        IntegerSimulation sim = IntegerSimulation.of(net);
        double intAcc = integerAccuracy(sim.model(), test);
        double floatAcc = reports.isEmpty() ? Double.NaN : reports.getLast().testAccuracy();
        return new Result(net, reports, floatAcc, intAcc, sim.model());
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
        Optimizer opt = switch (o.kind()) {
            case "sgd" -> new SGD(net, schedule, o.momentum(), o.nesterov()).setWeightDecay(o.weightDecay());
            case "adamw" -> new AdamW(net, schedule, o.weightDecay());
            default -> new Adam(net, schedule).setWeightDecay(o.weightDecay());
        };
        return opt.setMaxGradNorm(o.maxGradNorm());
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

    /** Writes a quantized network with its recipe (to rebuild it), atomically. */
    public static void saveCheckpoint(Path file, Recipe r, QuantizedNetwork net, int classes) throws IOException {
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        meta.put("kind", CHECKPOINT_KIND);
        meta.set("recipe", r.json().deepCopy());
        ObjectNode in = meta.putObject("input");
        in.put("channels", net.inputChannels());
        in.put("height", net.inputHeight());
        in.put("width", net.inputWidth());
        in.put("classes", classes);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        net.namedParameters().forEach((n, v) -> tensors.put("param/" + n, v.data()));
        net.namedBuffers().forEach((n, b) -> tensors.put("buffer/" + n, b));
        CheckpointFile.write(file, meta, tensors);
    }

    /** Rebuilds a quantized network from a checkpoint written by {@link #saveCheckpoint}, in eval mode. */
    public static QuantizedNetwork loadCheckpoint(Path file) throws IOException {
        Checkpoint ck = Checkpoint.read(file);
        JsonNode meta = ck.meta();
        if (!CHECKPOINT_KIND.equals(meta.path("kind").asText())) {
            throw new RecipeException(file + ": not a quantized network checkpoint (no \"kind\": \"" + CHECKPOINT_KIND
                    + "\" in its header); train one with `dot4j train --recipe`");
        }
        Recipe r = RecipeParser.fromJson(meta.get("recipe"), file.getFileName() + " (recipe)", null);
        JsonNode in = meta.path("input");
        // the zoo twin is rebuilt without its float init: the checkpoint holds every weight
        Recipe noInit = new Recipe(r.source(), r.json(), r.dataset(), r.trainLimit(), r.testLimit(), r.zoo(), null, r.network(),
                r.precision(), r.overrides(), r.optimizer(), r.schedule(), r.epochs(), r.batch(), r.shift(), r.pruning(),
                r.distillation(), r.seed());
        QuantizedNetwork net = buildNetwork(noInit, in.path("channels").asInt(), in.path("height").asInt(), in.path("width").asInt(),
                in.path("classes").asInt());
        ck.loadModel(net);
        net.eval();
        return net;
    }
}
