package io.dot4j.core.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.nn.Activation;
import io.dot4j.core.nn.BatchNorm;
import io.dot4j.core.nn.Conv2d;
import io.dot4j.core.nn.Dropout;
import io.dot4j.core.nn.Flatten;
import io.dot4j.core.nn.Linear;
import io.dot4j.core.nn.MaxPool2d;
import io.dot4j.core.nn.Module;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.optim.Adam;
import io.dot4j.core.optim.LrSchedule;
import io.dot4j.core.optim.Optimizer;
import io.dot4j.core.optim.SGD;
import io.dot4j.core.tensor.Parallel;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.core.zoo.ModelSpec;
import io.dot4j.core.zoo.ModelZoo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    @TempDir
    Path tmp;

    /** conv -> BN -> relu -> pool -> dropout -> fc: every kind of state a checkpoint must carry. */
    static Sequential smallCnn(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential()
                .add("conv1", new Conv2d(1, 4, 3, 1, 1, rng))
                .add("bn1", new BatchNorm(4))
                .add("relu1", Activation.relu())
                .add("pool1", new MaxPool2d(2))
                .add("flatten", new Flatten())
                .add("drop", new Dropout(0.2f, rng.split()))
                .add("fc", new Linear(4 * 4 * 4, 4, rng));
    }

    /** One fully seeded setup: model, optimizer, shuffling + augmenting iterator. */
    private record Setup(Sequential model, Optimizer opt, BatchIterator it) {
        Trainer trainer(int epochs) {
            return new Trainer(model, opt, it, epochs);
        }
    }

    private static Setup setup(Dataset d, long seed) {
        Sequential m = smallCnn(seed);
        Optimizer o = new Adam(m, LrSchedule.cosine(0.01, 40, 0).withWarmup(3)).setWeightDecay(1e-4f).setMaxGradNorm(5f);
        return new Setup(m, o, new BatchIterator(d, 16, true, false, Normalization.MNIST, 1, seed + 100));
    }

    private static void assertSameBits(Module a, Module b) {
        Map<String, Variable> pb = b.namedParameters();
        a.namedParameters().forEach((k, v) -> assertTrue(v.data().bitEquals(pb.get(k).data()), "parameter " + k + " differs"));
        Map<String, Tensor> bb = b.namedBuffers();
        a.namedBuffers().forEach((k, v) -> assertTrue(v.bitEquals(bb.get(k)), "buffer " + k + " differs"));
    }

    @Test
    void sameSeedSameThreadsGivesIdenticalBits() {
        // LeNet-5 sized work, so the kernels really split over 2 threads (small loops stay on the caller)
        Dataset d = TrainData.quadrants(96, 28, 1);
        ModelSpec spec = new ModelSpec("lenet5", Map.of("classes", 4));
        int before = Parallel.threads();
        try {
            Parallel.setThreads(2);
            Sequential[] models = new Sequential[3];
            long[] seeds = {5, 5, 6};
            for (int r = 0; r < 3; r++) {
                models[r] = ModelZoo.create(spec, new Rng(seeds[r]));
                Optimizer o = new SGD(models[r], LrSchedule.constant(0.01), 0.9f, true);
                new Trainer(models[r], o, new BatchIterator(d, 32, true, false, Normalization.MNIST, 2, seeds[r]), 1).run();
            }
            assertSameBits(models[0], models[1]);
            assertFalse(models[0].namedParameters().get("fc1.W").data().bitEquals(models[2].namedParameters().get("fc1.W").data()));
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void resumeFromEpochEndIsBitIdenticalToAStraightRun() throws IOException {
        Dataset d = TrainData.quadrants(90, 8, 2); // 90 / 16: a partial last batch every epoch
        Setup straight = setup(d, 7);
        straight.trainer(2).run();

        Setup first = setup(d, 7);
        Trainer t1 = first.trainer(1);
        t1.setModelSpec(new ModelSpec("test-cnn", Map.of()));
        t1.extend(new Checkpointer(tmp, Trigger.everyEpochs(1), false));
        t1.run();
        Checkpoint ck = Checkpoint.read(tmp.resolve(Checkpointer.LATEST));
        assertEquals(1, ck.epoch());
        assertEquals(6, ck.iteration());

        Setup second = setup(d, 999); // different seed: everything must come from the checkpoint
        Trainer t2 = second.trainer(2);
        ck.restore(t2);
        assertEquals(6, t2.iteration());
        t2.run();
        assertEquals(12, t2.iteration());
        assertSameBits(straight.model, second.model);
        assertEquals(straight.opt.steps(), second.opt.steps());
        straight.opt.state().slots().forEach((p, s) -> s.forEach((n, v) ->
                assertTrue(v.bitEquals(second.opt.state().slots().get(p).get(n)), "optimizer slot " + p + "/" + n)));
    }

    /** Stops the loop at a given iteration (to simulate an interruption mid-epoch). */
    private record StopAt(long iteration) implements Extension {
        public String name() {
            return "stop-at";
        }

        public Trigger trigger() {
            return Trigger.everyIterations(1);
        }

        public void run(Trainer t) {
            if (t.iteration() == iteration) {
                t.stop();
            }
        }
    }

    @Test
    void resumeFromTheMiddleOfAnEpochIsBitIdenticalToo() throws IOException {
        Dataset d = TrainData.quadrants(90, 8, 3);
        Setup straight = setup(d, 8);
        straight.trainer(2).run();

        Setup first = setup(d, 8);
        Trainer t1 = first.trainer(2);
        t1.extend(new StopAt(8)).extend(new Checkpointer(tmp, Trigger.everyEpochs(5), false));
        t1.run(); // stops after iteration 8 (2 into epoch 2); the checkpointer saves at the end
        Checkpoint ck = Checkpoint.read(tmp.resolve(Checkpointer.LATEST));
        assertEquals(8, ck.iteration());

        Setup second = setup(d, 1234);
        Trainer t2 = second.trainer(2);
        ck.restore(t2);
        t2.run();
        assertSameBits(straight.model, second.model);
    }

    @Test
    void theLossIsPluggableAndSeesEachBatch() throws IOException {
        Dataset d = TrainData.quadrants(48, 8, 3);
        Setup plain = setup(d, 11), same = setup(d, 11), shifted = setup(d, 11);
        plain.trainer(1).run();
        int[] calls = {0};
        same.trainer(1).setLoss((scores, batch) -> {
            calls[0]++;
            assertEquals(batch.size(), scores.shape()[0], "the scores are those of this batch");
            return io.dot4j.core.functions.F.softmaxCrossEntropy(scores, batch.labels());
        }).run();
        assertEquals(3, calls[0], "called once per iteration (48 / 16)");
        assertSameBits(plain.model, same.model);
        Trainer t = shifted.trainer(1).setLoss((scores, batch) -> {
            int[] other = batch.labels().clone();
            for (int i = 0; i < other.length; i++) {
                other[i] = (other[i] + 1) % 4;
            }
            return io.dot4j.core.functions.F.softmaxCrossEntropy(scores, other);
        });
        var meta = new ObjectMapper().createObjectNode().put("kind", "test-kind");
        t.setCheckpointMeta(meta).extend(new Checkpointer(tmp, Trigger.everyEpochs(1), false)).run();
        assertFalse(plain.model.namedParameters().get("fc.W").data().bitEquals(shifted.model.namedParameters().get("fc.W").data()));
        assertEquals("test-kind", Checkpoint.read(tmp.resolve(Checkpointer.LATEST)).meta().path("kind").asText(),
                "extra meta reaches the checkpoint header");

        Setup vector = setup(d, 11);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> vector.trainer(1).setLoss((scores, batch) -> scores).run());
        assertTrue(e.getMessage().startsWith("trainer: the loss must be a scalar"), e.getMessage());
    }

    @Test
    void injectedNanIsReportedWithTheParameterAndIteration() {
        Dataset d = TrainData.quadrants(40, 8, 4);
        Setup s = setup(d, 9);
        s.model.namedParameters().get("fc.W").data().data()[3] = Float.NaN;
        NonFiniteException e = assertThrows(NonFiniteException.class, () -> s.trainer(1).run());
        assertEquals("loss is NaN at iteration 1 (epoch 1); parameter fc.W holds NaN at index 3", e.getMessage());
        assertEquals(1, e.iteration());
    }

    @Test
    void hugeLearningRateDivergesAndNamesTheLayer() {
        Dataset d = TrainData.quadrants(64, 8, 5);
        Rng rng = new Rng(3);
        Sequential m = new Sequential().add("flatten", new Flatten()).add("fc1", new Linear(64, 32, rng))
                .add("relu", Activation.relu()).add("fc2", new Linear(32, 4, rng));
        Trainer t = new Trainer(m, new SGD(m, LrSchedule.constant(1e30)), new BatchIterator(d, 8, true, false, Normalization.UNIT, 0, 1), 50);
        NonFiniteException e = assertThrows(NonFiniteException.class, t::run);
        // depending on where it first overflows: a weight, a gradient, or a layer's output; always named, with the step
        assertTrue(e.getMessage().matches(".*(parameter|layer) (fc1|fc2|relu)(\\.[Wb])? .*")
                && e.getMessage().contains("iteration " + e.iteration()), e.getMessage());
        assertTrue(List.of("fc1.W", "fc1.b", "fc2.W", "fc2.b", "fc1", "fc2", "relu").contains(e.where()), e.where());
    }

    @Test
    void extensionsLogEvaluatePlotAndCheckpoint() throws IOException {
        Dataset train = TrainData.quadrants(96, 8, 6);
        Dataset test = TrainData.quadrants(40, 8, 7);
        Setup s = setup(train, 10);
        Trainer t = s.trainer(3);
        Evaluator ev = new Evaluator(test, 16, Normalization.MNIST, Trigger.everyEpochs(1));
        JsonLogExtension log = new JsonLogExtension(tmp.resolve("log.jsonl"), Trigger.everyEpochs(1));
        t.extend(new Checkpointer(tmp, Trigger.everyEpochs(2), true)).extend(log).extend(ev)
                .extend(new PlotExtension(tmp, Trigger.everyEpochs(1)));
        t.run();
        List<String> lines = Files.readAllLines(tmp.resolve("log.jsonl"));
        assertEquals(3, lines.size());
        ObjectMapper json = new ObjectMapper();
        var last = json.readTree(lines.get(2));
        assertEquals(3, last.get("epoch").asInt());
        assertEquals(18, last.get("iteration").asInt());
        for (String k : List.of("loss", "accuracy", "test_accuracy", "test_loss", "lr", "elapsed_s", "images_per_s")) {
            assertTrue(last.get(k).isNumber(), k + " in " + last);
        }
        // the evaluator's accuracy is the standalone evaluation's, and training learned the task
        Evaluation direct = Evaluator.evaluate(s.model, test, 7, Normalization.MNIST);
        assertEquals(direct.accuracy(), last.get("test_accuracy").asDouble(), 1e-12);
        assertTrue(direct.accuracy() > 0.9, "accuracy " + direct.accuracy());
        assertEquals(40, direct.count());
        assertTrue(s.model.isTraining(), "the evaluator must restore training mode");
        for (String png : List.of("loss.png", "accuracy.png")) {
            byte[] b = Files.readAllBytes(tmp.resolve(png));
            assertEquals((byte) 0x89, b[0]);
            assertEquals('P', b[1]);
        }
        assertTrue(Files.isRegularFile(tmp.resolve("checkpoint-epoch-002.ckpt")));
        assertTrue(Files.isRegularFile(tmp.resolve("checkpoint-epoch-003.ckpt")), "final checkpoint at the end");
        assertEquals(3, Checkpoint.read(tmp.resolve(Checkpointer.LATEST)).epoch());
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void resumedLogDropsLinesWrittenAfterTheCheckpoint() throws IOException {
        Dataset d = TrainData.quadrants(32, 8, 8);
        Setup a = setup(d, 11);
        Trainer t = a.trainer(3);
        t.extend(new JsonLogExtension(tmp.resolve("log.jsonl"), Trigger.everyEpochs(1)))
                .extend(new Checkpointer(tmp, Trigger.everyEpochs(100), false)).extend(new StopAt(4));
        t.run(); // 2 iterations per epoch: logs after 2 and 4, checkpoint at 4
        Files.writeString(tmp.resolve("log.jsonl"), "{\"epoch\":3,\"iteration\":6}\n", java.nio.file.StandardOpenOption.APPEND);
        Setup b = setup(d, 11);
        Trainer t2 = b.trainer(3);
        t2.extend(new JsonLogExtension(tmp.resolve("log.jsonl"), Trigger.everyEpochs(1)));
        Checkpoint.read(tmp.resolve(Checkpointer.LATEST)).restore(t2);
        t2.run();
        List<String> lines = Files.readAllLines(tmp.resolve("log.jsonl"));
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(2).contains("\"iteration\":6,\"loss\""), lines.get(2));
    }

    @Test
    void earlyStoppingStopsAfterPatienceChecksWithoutImprovement() {
        Dataset d = TrainData.quadrants(32, 8, 9);
        Setup s = setup(d, 12);
        Trainer t = s.trainer(20);
        double[] values = {0.5, 0.6, 0.6, 0.59, 0.61};
        t.extend(new Extension() {
            public String name() {
                return "fake-eval";
            }

            public Trigger trigger() {
                return Trigger.everyEpochs(1);
            }

            public int priority() {
                return PRIORITY_EVALUATOR;
            }

            public void run(Trainer tr) {
                tr.report("test/accuracy", values[Math.min(tr.epoch() - 1, values.length - 1)]);
            }
        });
        EarlyStopping es = new EarlyStopping("test/accuracy", true, 2, 0.0, Trigger.everyEpochs(1));
        t.extend(es);
        t.run();
        // epoch 1: best 0.5; 2: 0.6; 3: no (1); 4: no (2) -> stop
        assertEquals(4, t.epoch());
        assertEquals(0.6, es.best());
    }

    /**
     * LeNet-300-100 on the first 2,000 real MNIST training images, tested on the first 1,000 test images. Without
     * augmentation it overfits to 100 % train accuracy and plateaus near 91 % on test; one-pixel shifts lift it to about
     * 92 %. Takes about 3-9 s on 2 cores (depending on load).
     */
    @Test
    void smokeLenet300OnRealMnistReachesNinetyPercent() throws IOException {
        Dataset train = TrainData.mnist("train").slice(0, 2000);
        Dataset test = TrainData.mnist("test").slice(0, 1000);
        Sequential m = ModelZoo.create("lenet300", new Rng(1));
        int epochs = 6;
        BatchIterator it = new BatchIterator(train, 32, true, false, Normalization.MNIST, 1, 2);
        Optimizer o = new SGD(m, LrSchedule.cosine(0.05, (long) epochs * it.batchesPerEpoch(), 0), 0.9f, false);
        long t0 = System.nanoTime();
        new Trainer(m, o, it, epochs).run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Evaluation e = Evaluator.evaluate(m, test, 250, Normalization.MNIST);
        assertTrue(e.accuracy() > 0.90, "test accuracy " + e.accuracy());
        assertTrue(seconds < 60, "took " + seconds + " s");
    }
}
