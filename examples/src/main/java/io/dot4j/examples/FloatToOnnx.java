package io.dot4j.examples;

import io.dot4j.core.data.DataCache;
import io.dot4j.core.data.DataSource;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.data.SeededSplit;
import io.dot4j.core.nn.Activation;
import io.dot4j.core.nn.Conv2d;
import io.dot4j.core.nn.Flatten;
import io.dot4j.core.nn.Linear;
import io.dot4j.core.nn.MaxPool2d;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.optim.Adam;
import io.dot4j.core.optim.LrSchedule;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.train.Augmentation;
import io.dot4j.core.train.BatchIterator;
import io.dot4j.core.train.Checkpointer;
import io.dot4j.core.train.Evaluator;
import io.dot4j.core.train.JsonLogExtension;
import io.dot4j.core.train.Normalization;
import io.dot4j.core.train.Trainer;
import io.dot4j.core.train.Trigger;
import io.dot4j.onnx.ExportOptions;
import io.dot4j.onnx.OnnxExporter;
import java.nio.file.Path;

/**
 * A float network in Java, trained with core's Trainer and the extensions {@code dot4j train} uses, exported as ONNX:
 * {@code java io.dot4j.examples.FloatToOnnx DATA OUT} writes OUT/log.jsonl, OUT/checkpoint.ckpt and OUT/float.onnx.
 */
public final class FloatToOnnx {
    private FloatToOnnx() {
    }

    public static void main(String[] args) throws Exception {
        SeededSplit.Splits splits = DataSource.resolve(args[0], null, DataCache.root()).splits();
        Path out = Path.of(args[1]);
        Dataset train = splits.train();
        int c = train.channels(), h = train.height(), w = train.width();
        Rng rng = new Rng(7);

        Sequential net = new Sequential(
                new Conv2d(c, 8, 3, 1, 1, rng), Activation.relu(), new MaxPool2d(2),
                new Flatten(), new Linear(8 * (h / 2) * (w / 2), train.numClasses(), rng));

        BatchIterator batches = new BatchIterator(train, 16, true, false, Normalization.UNIT, Augmentation.NONE, 8);
        Evaluator evaluator = new Evaluator(splits.test(), 500, Normalization.UNIT, Trigger.everyEpochs(1));
        new Trainer(net, new Adam(net, LrSchedule.constant(0.01)), batches, 4)
                .extend(evaluator)
                .extend(new JsonLogExtension(out.resolve("log.jsonl"), Trigger.everyEpochs(1)))
                .extend(new Checkpointer(out, Trigger.everyEpochs(1), false))
                .run();

        net.eval();
        OnnxExporter.write(net, ExportOptions.image(c, h, w), out.resolve("float.onnx"));
        System.out.printf("float network: %.2f %% on %d test images, %s%n", 100 * evaluator.last().accuracy(),
                splits.test().count(), out.resolve("float.onnx"));
    }
}
