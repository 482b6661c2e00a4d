package io.dot4j.examples;

import io.dot4j.core.data.DataCache;
import io.dot4j.core.data.DataSource;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.data.SeededSplit;
import io.dot4j.quant.define.NetworkBuilder;
import io.dot4j.quant.define.QuantTraining;
import io.dot4j.quant.network.NetworkSpec;
import io.dot4j.quant.recipes.RecipeRun;
import io.dot4j.runtime.format.ModelWriter;
import java.nio.file.Path;

/**
 * Defines a network in Java, trains it quantization-aware on your own data, and exports the integer model:
 * {@code java io.dot4j.examples.OwnNetwork DATA OUT} (DATA: a named set or a path, as {@code dot4j train --data}).
 * OUT receives what {@code dot4j train --recipe} writes (checkpoint.ckpt, log.jsonl, curves, model.dot4j) and
 * {@code own.dot4j}; {@link FloatToOnnx} shows the float network and its ONNX export.
 */
public final class OwnNetwork {
    private OwnNetwork() {
    }

    public static void main(String[] args) throws Exception {
        DataSource data = DataSource.resolve(args[0], null, DataCache.root());
        Path out = Path.of(args[1]);
        SeededSplit.Splits splits = data.splits();
        Dataset train = splits.train();

        NetworkSpec net = NetworkBuilder.input(train.channels(), train.height(), train.width())
                .precision("w1a2")                       // 1-bit weights, 2-bit activations by default
                .conv(16, 3).pad(1).maxPool(2)
                .conv(32, 3).pad(1).precision("w2a2")    // this layer with 2-bit weights
                .flatten()
                .dense(train.numClasses()).precision("w8a8")
                .build();

        RecipeRun.Result result = QuantTraining.of(net).adam(0.01).epochs(4).batch(16).seed(5)
                .writingTo(out)
                .train(data, splits, System.out::println);

        ModelWriter.write(result.model(), out.resolve("own.dot4j"));
        System.out.printf("integer model: %.2f %% on %d test images, %s%n", 100 * result.integerAccuracy(),
                splits.test().count(), out.resolve("own.dot4j"));
    }
}
