package io.dot4j.quant.define;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dot4j.core.data.DataSource;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.data.SeededSplit;
import io.dot4j.quant.layers.Precision;
import io.dot4j.quant.network.LayerSpec;
import io.dot4j.quant.network.NetworkSpec;
import io.dot4j.quant.quantizers.Scaling;
import io.dot4j.quant.recipes.Recipe;
import io.dot4j.quant.recipes.RecipeParser;
import io.dot4j.quant.recipes.RecipeRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Quantization-aware training of a network defined in Java ({@link NetworkBuilder}), through the same run as
 * {@code dot4j train --recipe}: {@link RecipeRun} with core's Trainer and the CLI's extensions (evaluation every epoch,
 * log.jsonl, loss.png and accuracy.png, checkpoint.ckpt, a progress bar), then lowering to the integer model.
 * <pre>{@code
 * RecipeRun.Result r = QuantTraining.of(net).adam(0.01).epochs(4).batch(16).seed(5)
 *         .writingTo(Path.of("runs/mine"))          // optional: what train --recipe writes, model.dot4j included
 *         .train(DataSource.resolve("digits", null, DataCache.root()));
 * ModelWriter.write(r.model(), Path.of("mine.dot4j"));
 * }</pre>
 * The settings become a recipe ({@link #recipe}): the JSON a recipe file would hold, validated by
 * {@link RecipeParser}, so the checkpoint a run writes is a recipe checkpoint that {@code dot4j eval}, {@code export}
 * and {@code verify} read. Defaults are a recipe's: Adam at lr 0.001, cosine schedule, 10 epochs, batch 64, seed 1,
 * no augmentation. Instances are mutable builders.
 */
public final class QuantTraining {
    private final NetworkSpec network;
    private String optimizer = "adam";
    private double lr = 1e-3;
    private double momentum = 0.9;
    private double weightDecay = 0;
    private String schedule = "cosine";
    private int epochs = 10;
    private int batch = 64;
    private long seed = 1;
    private int shift = 0;
    private boolean flip = false;
    private Path outDir;
    private PrintStream progress;

    private QuantTraining(NetworkSpec network) {
        this.network = java.util.Objects.requireNonNull(network, "network");
    }

    public static QuantTraining of(NetworkSpec network) {
        return new QuantTraining(network);
    }

    public QuantTraining adam(double learningRate) {
        return optimizer("adam", learningRate);
    }

    public QuantTraining adamW(double learningRate, double decay) {
        optimizer("adamw", learningRate);
        this.weightDecay = decay;
        return this;
    }

    public QuantTraining sgd(double learningRate, double momentumValue) {
        optimizer("sgd", learningRate);
        this.momentum = momentumValue;
        return this;
    }

    private QuantTraining optimizer(String kind, double learningRate) {
        this.optimizer = kind;
        this.lr = learningRate;
        return this;
    }

    /** "constant", "cosine" (to 0) or "step" (x0.1 every 10 epochs), as a recipe's {@code "schedule"}. */
    public QuantTraining schedule(String kind) {
        this.schedule = kind;
        return this;
    }

    public QuantTraining epochs(int n) {
        this.epochs = n;
        return this;
    }

    public QuantTraining batch(int size) {
        this.batch = size;
        return this;
    }

    public QuantTraining seed(long s) {
        this.seed = s;
        return this;
    }

    /** Random shifts of up to {@code pixels}, and left-right mirroring (for clothing, not digits). */
    public QuantTraining augmentation(int pixels, boolean mirror) {
        this.shift = pixels;
        this.flip = mirror;
        return this;
    }

    /** Write log.jsonl, the curves, checkpoint.ckpt and model.dot4j into {@code dir} (default: nothing written). */
    public QuantTraining writingTo(Path dir) {
        this.outDir = dir;
        return this;
    }

    /** A progress bar on {@code stream} (default: none). */
    public QuantTraining withProgress(PrintStream stream) {
        this.progress = stream;
        return this;
    }

    /**
     * These settings as a recipe on {@code dataset} (a named set or a path; it is what {@code eval} and {@code verify}
     * use by default on the checkpoint).
     *
     * @throws io.dot4j.quant.recipes.RecipeException if a setting is out of range, naming it as a recipe key
     */
    public Recipe recipe(String dataset) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("dataset", dataset);
        root.putArray("input").add(network.channels()).add(network.height()).add(network.width());
        ArrayNode layers = root.putArray("layers");
        for (LayerSpec l : network.layers()) {
            ObjectNode n = layers.addObject();
            switch (l) {
                case LayerSpec.Conv c -> {
                    n.put("type", "conv").put("out", c.outChannels()).put("kernel", c.kernel()).put("stride", c.stride())
                            .put("pad", c.pad()).put("bias", c.bias());
                    precision(n, c.precision());
                }
                case LayerSpec.MaxPool m -> n.put("type", "maxpool").put("kernel", m.kernel()).put("stride", m.stride());
                case LayerSpec.Flatten f -> n.put("type", "flatten");
                case LayerSpec.GlobalSumPool g -> n.put("type", "sumpool");
                case LayerSpec.Dense d -> {
                    n.put("type", "dense").put("out", d.outFeatures()).put("bias", d.bias());
                    precision(n, d.precision());
                }
            }
        }
        ObjectNode opt = root.putObject("optimizer").put("kind", optimizer).put("lr", lr);
        if (optimizer.equals("sgd")) {
            opt.put("momentum", momentum);
        }
        if (weightDecay != 0) {
            opt.put("weightDecay", weightDecay);
        }
        root.put("schedule", schedule).put("epochs", epochs).put("batch", batch).put("seed", seed);
        if (shift != 0 || flip) {
            root.putObject("augmentation").put("shift", shift).put("flip", flip);
        }
        return RecipeParser.fromJson(root, "QuantTraining", Path.of("").toAbsolutePath());
    }

    /** Every precision key, so the recipe rebuilds exactly this precision. */
    private static void precision(ObjectNode n, Precision p) {
        n.put("weights", p.weights().name().toLowerCase(Locale.ROOT)).put("bits", p.weightBits())
                .put("scaling", p.scaling() == Scaling.PER_CHANNEL ? "channel" : "tensor")
                .put("activationBits", p.activationBits()).put("clip", p.clip()).put("pact", p.pact());
    }

    /** Trains on a data set's splits (its own, or the seeded split of a single set). */
    public RecipeRun.Result train(DataSource data) throws IOException {
        SeededSplit.Splits splits = data.expecting(0, new int[] {network.channels(), network.height(), network.width()})
                .splits();
        return run(recipe(data.canonical()), splits.train(), splits.test(), line -> { });
    }

    /** Trains on data sets in memory; {@code log} receives one line per epoch. */
    public RecipeRun.Result train(Dataset train, Dataset test, Consumer<String> log) throws IOException {
        return run(recipe(train.name()), train, test, log);
    }

    /**
     * Trains on splits already loaded from {@code data} (so that the recipe and its checkpoint name the data set that
     * {@code eval} and {@code verify} find again); {@code log} receives one line per epoch.
     */
    public RecipeRun.Result train(DataSource data, SeededSplit.Splits splits, Consumer<String> log) throws IOException {
        return run(recipe(data.canonical()), splits.train(), splits.test(), log);
    }

    private RecipeRun.Result run(Recipe r, Dataset train, Dataset test, Consumer<String> log) throws IOException {
        RecipeRun.Options o = new RecipeRun.Options(outDir, null, progress, 1);
        return RecipeRun.run(r, train, test, o, log);
    }
}
