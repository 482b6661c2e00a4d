package io.dot4j.fuzz;

import io.dot4j.quant.recipes.RecipeCheckpoints;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.data.IdxWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.train.CheckpointFile;
import io.dot4j.quant.network.QuantizedNetwork;
import io.dot4j.quant.recipes.Recipe;
import io.dot4j.quant.recipes.RecipeParser;
import io.dot4j.runtime.format.ModelWriter;
import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.Flatten;
import io.dot4j.runtime.ir.GlobalSumPool;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.ir.Weights;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Writes the committed seed corpus (run once by hand: {@code java -cp ... io.dot4j.fuzz.SeedCorpusWriter
 * fuzz/src/test/resources/io/dot4j/fuzz/ReadersFuzzTestInputs}); small valid files of every reader's format.
 */
public final class SeedCorpusWriter {
    static final String RECIPE = """
            {"dataset": "mnist", "layers": [{"type": "conv", "out": 2, "kernel": 3, "stride": 2},
              {"type": "maxpool", "kernel": 2}, {"type": "flatten"}, {"type": "dense", "out": 10}], "epochs": 1}""";

    private SeedCorpusWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        for (String r : Seeds.READERS) {
            Files.createDirectories(root.resolve(r));
        }
        Random rnd = new Random(18);
        ModelWriter.write(model(rnd, 1, false), root.resolve("model/binary-flatten.model"));
        ModelWriter.write(model(rnd, 2, true), root.resolve("model/ternary-sumpool.model"));
        ModelWriter.write(model(rnd, 8, false), root.resolve("model/int8-flatten.model"));

        Recipe recipe = RecipeParser.parse(RECIPE, "seed.json", null);
        RecipeCheckpoints.save(root.resolve("checkpoint/recipe.ckpt"), recipe,
                QuantizedNetwork.build(recipe.network(), new Rng(1)), 10);

        // a float checkpoint's header with a zoo spec and no tensors: its mutants reach the zoo sizing and shape checks
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        meta.putObject("model").put("name", "lenet300").putObject("args").put("height", 4).put("width", 4).put("classes", 3);
        meta.putObject("normalization").put("mean", 0.5).put("std", 0.25);
        CheckpointFile.write(root.resolve("checkpoint/float-zoo-header.ckpt"), meta, Map.of());

        byte[] pixels = new byte[3 * 4 * 4];
        rnd.nextBytes(pixels);
        Dataset d = Dataset.of("seed", pixels, new int[] {0, 3, 9}, 1, 4, 4, 10);
        IdxWriter.writeImages(root.resolve("idx/images.idx"), d, false);
        IdxWriter.writeImages(root.resolve("idx/images.idx.gz"), d, true);
        IdxWriter.writeLabels(root.resolve("idx/labels.idx"), d, false);

        Files.writeString(root.resolve("csv/digits.csv"), "label,p0,p1,p2,p3\n3,0,255,17,4\n9,1,2,3,250\n");
        Files.writeString(root.resolve("csv/no-header.csv"), "1,0,0,0,0,0,0,0,0,9\n0,255,255,255,255,255,255,255,255,255\n");

        Files.writeString(root.resolve("recipe/layers.json"), RECIPE);
        Files.writeString(root.resolve("recipe/zoo.json"), """
                {"dataset": {"name": "mnist", "trainLimit": 100}, "network": "lenet5", "precision": "w1a2",
                 "overrides": {"conv1": "w8a8"}, "optimizer": {"kind": "sgd", "lr": 0.01, "momentum": 0.9},
                 "schedule": {"kind": "step", "gamma": 0.5, "everyEpochs": 2}, "epochs": 4,
                 "augmentation": {"shift": 2}, "pruning": {"target": 0.5}}""");
        Files.writeString(root.resolve("recipe/two-stage.json"), RECIPE.replace("\"epochs\": 1",
                "\"epochs\": 2, \"precision\": {\"weights\": \"ternary\", \"activationBits\": 2, \"pact\": true},"
                        + " \"pretrain\": {\"precision\": \"w8a8\", \"epochs\": 1}, \"input\": [1, 28, 28]"));

        Files.writeString(root.resolve("sweep/inline.json"), "{\"base\": " + RECIPE + ", \"grid\": {\"layers[0].out\": [2, 4],"
                + " \"seed\": [1, 2]}, \"labels\": {\"seed\": [\"a\", \"b\"]}, \"sample\": {\"count\": 3, \"seed\": 7}}");
        Files.writeString(root.resolve("sweep/layers.json"), "{\"base\": " + RECIPE + ", \"grid\": {\"layers[2]\":"
                + " [{\"type\": \"flatten\"}, {\"type\": \"sumpool\"}], \"precision.activationBits\": [1, 2]}}");

        png(root.resolve("png/grey-2x2.png"), BufferedImage.TYPE_BYTE_GRAY, 2, 2);
        png(root.resolve("png/rgb-3x5.png"), BufferedImage.TYPE_INT_RGB, 3, 5);
        png(root.resolve("imageFolder/grey-4x4.png"), BufferedImage.TYPE_BYTE_GRAY, 4, 4);
        png(root.resolve("imageFolder/argb-2x3.png"), BufferedImage.TYPE_INT_ARGB, 2, 3);
    }

    /** conv 4@3x3 -> thresholds -> maxpool 2 -> flatten or sum pool -> dense 10, first-layer weights of {@code bits}. */
    static IntModel model(Random r, int bits, boolean sumpool) {
        int[] w = new int[4 * 9];
        for (int i = 0; i < w.length; i++) {
            w[i] = bits == 1 ? (r.nextBoolean() ? 1 : -1) : bits == 2 ? new int[] {-3, -1, 1, 3}[r.nextInt(4)] : r.nextInt(255) - 127;
        }
        int[] th = new int[4 * 3];
        for (int c = 0; c < 4; c++) {
            th[c * 3] = -200;
            th[c * 3 + 1] = 0;
            th[c * 3 + 2] = 300;
        }
        int in = sumpool ? 4 : 4 * 14 * 14;
        int[] d = new int[10 * in];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextBoolean() ? 1 : -1;
        }
        List<Layer> layers = List.of(new Conv(4, 1, 3, 3, 1, 1, 8, Weights.fromInts(bits, 4, 9, w)),
                new ThresholdActivation(4, 2, th, new boolean[] {false, true, false, false}), new MaxPool(2, 2),
                sumpool ? new GlobalSumPool() : new Flatten(),
                new Dense(10, in, sumpool ? 10 : 2, Weights.fromInts(1, 10, in, d), new int[10]));
        return new IntModel(new Shape(1, 28, 28), layers, 10);
    }

    private static void png(Path f, int type, int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, 0xff000000 | (x * 60 << 16) | (y * 40 << 8) | 0x80);
            }
        }
        ImageIO.write(img, "png", f.toFile());
    }
}
