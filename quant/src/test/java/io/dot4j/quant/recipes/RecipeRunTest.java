package io.dot4j.quant.recipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.core.data.Dataset;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.train.Checkpoint;
import io.dot4j.core.train.Normalization;
import io.dot4j.core.zoo.ModelSpec;
import io.dot4j.core.zoo.ModelZoo;
import io.dot4j.quant.lowering.Lowering;
import io.dot4j.quant.network.QuantizedNetwork;
import io.dot4j.quant.testing.Mnist;
import io.dot4j.runtime.format.ModelWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Short runs of recipes on a real MNIST slice: pruning, distillation, determinism, checkpoint round trip. */
class RecipeRunTest {
    private static final Dataset TRAIN = Mnist.train().slice(0, 640);
    private static final Dataset TEST = Mnist.test().slice(0, 200);

    private static final String TINY = """
            {"dataset": "mnist", "precision": "wta2",
             "layers": [{"type": "conv", "out": 8, "kernel": 3, "stride": 2},
                        {"type": "maxpool", "kernel": 2},
                        {"type": "flatten"},
                        {"type": "dense", "out": 10, "bias": true, "scaling": "tensor"}],
             "optimizer": {"kind": "adam", "lr": 0.005}, "epochs": 2, "batch": 32, "seed": 3
             %s}""";

    @Test
    void prunedTernaryRunIsDeterministicAndReachesTheTarget(@TempDir Path dir) throws Exception {
        Recipe r = RecipeParser.parse(TINY.formatted(
                ", \"pruning\": {\"target\": 0.5, \"scope\": \"global\", \"startEpoch\": 0, \"endEpoch\": 1, \"frequency\": 5}"),
                "tiny.json", dir);
        List<String> log = new ArrayList<>();
        RecipeRun.Result a = RecipeRun.run(r, TRAIN, TEST, log::add);
        RecipeRun.Result b = RecipeRun.run(r, TRAIN, TEST, s -> { });
        assertEquals(2, log.size());
        assertTrue(log.get(1).contains("sparsity 0.500"), log.get(1));
        assertEquals(0.5, a.epochs().getLast().sparsity(), 1.0 / 1000);
        assertArrayEquals(ModelWriter.toBytes(a.model()), ModelWriter.toBytes(b.model()), "same recipe, same bits");
        assertTrue(a.floatAccuracy() > 0.3, "learns something (chance is 0.1): accuracy " + a.floatAccuracy());
        assertEquals(a.floatAccuracy(), a.integerAccuracy(), 0.011, "integer and float accuracies agree");
        // pruned ternary weights are real zeros in the integer model
        int[] w = ((io.dot4j.runtime.ir.Conv) a.model().layers().get(0)).weights().toInts();
        long zeros = java.util.Arrays.stream(w).filter(v -> v == 0).count();
        assertTrue(zeros > 0);

        Path ck = dir.resolve("q.ckpt");
        RecipeCheckpoints.save(ck, r, a.network(), 10);
        QuantizedNetwork back = RecipeCheckpoints.load(ck);
        assertEquals(a.model(), Lowering.lower(back), "a checkpoint rebuilds the same integer model");
    }

    @Test
    void distillationFromAFloatTeacherChangesTraining(@TempDir Path dir) throws Exception {
        var teacher = ModelZoo.create(ModelSpec.of("lenet300"), new Rng(9));
        Checkpoint.saveModel(dir.resolve("teacher.ckpt"), teacher, ModelSpec.of("lenet300"), Normalization.MNIST);
        Recipe plain = RecipeParser.parse(TINY.formatted(""), "tiny.json", dir);
        Recipe distilled = RecipeParser.parse(TINY.formatted(
                ", \"distillation\": {\"teacher\": \"teacher.ckpt\", \"alpha\": 0.5, \"temperature\": 4}"), "tiny.json", dir);
        RecipeRun.Result p = RecipeRun.run(plain, TRAIN, TEST, s -> { });
        RecipeRun.Result d = RecipeRun.run(distilled, TRAIN, TEST, s -> { });
        assertNotEquals(p.epochs().getLast().loss(), d.epochs().getLast().loss());
        assertTrue(Double.isFinite(d.epochs().getLast().loss()));
    }

    @Test
    void aLayerListMustFitTheDataSet(@TempDir Path dir) {
        Recipe r = RecipeParser.parse(TINY.formatted("").replace("\"out\": 10", "\"out\": 7"), "tiny.json", dir);
        var e = assertThrows(RecipeException.class, () -> RecipeRun.run(r, TRAIN, TEST, s -> { }));
        assertEquals("tiny.json: layers[3].out: expected 10 (the classes of mnist), got 7", e.getMessage());
    }

    @Test
    void anInterruptedRunResumesFromItsCheckpointBitForBit(@TempDir Path dir) throws Exception {
        // pruning whose masks still change in epoch 2, so the resumed run needs the saved masks, not only the weights
        Recipe r = RecipeParser.parse(TINY.formatted(
                ", \"pruning\": {\"target\": 0.5, \"scope\": \"global\", \"startEpoch\": 0, \"endEpoch\": 2, \"frequency\": 7}"),
                "tiny.json", dir);
        Path whole = dir.resolve("whole");
        RecipeRun.Result a = RecipeRun.run(r, TRAIN, TEST, RecipeRun.Options.writingTo(whole), s -> { });

        Path cut = dir.resolve("cut");
        RuntimeException stop = new RuntimeException("interrupted");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> RecipeRun.run(r, TRAIN, TEST,
                RecipeRun.Options.writingTo(cut), line -> {
                    if (line.startsWith("epoch 2")) {
                        throw stop; // dies at the end of epoch 2, before its checkpoint: checkpoint.ckpt holds epoch 1
                    }
                }));
        assertEquals(stop, thrown);
        Path ck = cut.resolve("checkpoint.ckpt");
        assertEquals(1, Checkpoint.read(ck).epoch());
        List<String> log = new ArrayList<>();
        RecipeRun.Result b = RecipeRun.run(r, TRAIN, TEST, RecipeRun.Options.writingTo(cut).resumingFrom(ck), log::add);

        assertTrue(log.getFirst().startsWith("resumed from ") && log.getFirst().contains("epoch 1 of 2"), log.toString());
        assertArrayEquals(ModelWriter.toBytes(a.model()), ModelWriter.toBytes(b.model()), "resumed run = uninterrupted run");
        assertEquals(a.epochs(), b.epochs(), "epoch reports survive the resume");
        assertArrayEquals(java.nio.file.Files.readAllBytes(whole.resolve("model.dot4j")),
                java.nio.file.Files.readAllBytes(cut.resolve("model.dot4j")));
        for (String f : List.of("log.jsonl", "loss.png", "accuracy.png", "checkpoint.ckpt")) {
            assertTrue(java.nio.file.Files.size(cut.resolve(f)) > 0, f);
        }
        assertEquals(2, java.nio.file.Files.readAllLines(cut.resolve("log.jsonl")).size(), "one log line per epoch");
        // the training checkpoint also rebuilds the network for export
        assertEquals(a.model(), Lowering.lower(RecipeCheckpoints.load(cut.resolve("checkpoint.ckpt"))));
        assertTrue(b.trainSeconds() > 0);
    }

    @Test
    void resumingWithAnotherRecipeIsRefused(@TempDir Path dir) throws Exception {
        Recipe r = RecipeParser.parse(TINY.formatted("").replace("\"epochs\": 2", "\"epochs\": 1"), "tiny.json", dir);
        RecipeRun.run(r, TRAIN.slice(0, 64), TEST, RecipeRun.Options.writingTo(dir), s -> { });
        Recipe other = RecipeParser.parse(TINY.formatted("").replace("\"seed\": 3", "\"seed\": 4"), "other.json", dir);
        var e = assertThrows(RecipeException.class, () -> RecipeRun.run(other, TRAIN.slice(0, 64), TEST,
                RecipeRun.Options.writingTo(dir).resumingFrom(dir.resolve("checkpoint.ckpt")), s -> { }));
        assertTrue(e.getMessage().contains("was trained with a different recipe than other.json"), e.getMessage());
    }

    @Test
    void theSameTeacherNamedByAnotherPathIsTheSameRecipe(@TempDir Path dir) throws Exception {
        var teacher = ModelZoo.create(ModelSpec.of("lenet300"), new Rng(9));
        java.nio.file.Files.createDirectories(dir.resolve("teachers"));
        Checkpoint.saveModel(dir.resolve("teachers/t.ckpt"), teacher, ModelSpec.of("lenet300"), Normalization.MNIST);
        String tiny = TINY.replace("\"epochs\": 2", "\"epochs\": 1");
        Path runDir = dir.resolve("run"), recipes = dir.resolve("recipes");
        Recipe relative = RecipeParser.parse(tiny.formatted(
                ", \"distillation\": {\"teacher\": \"../teachers/t.ckpt\", \"alpha\": 0.5, \"temperature\": 4}"), "a.json", recipes);
        RecipeRun.Result a = RecipeRun.run(relative, TRAIN.slice(0, 64), TEST, RecipeRun.Options.writingTo(runDir), s -> { });
        String absolute = dir.resolve("teachers/t.ckpt").toAbsolutePath().toString().replace("\\", "\\\\");
        Recipe moved = RecipeParser.parse(tiny.formatted(
                ", \"distillation\": {\"teacher\": \"" + absolute + "\", \"alpha\": 0.5, \"temperature\": 4}"), "b.json", dir);
        Path ck = runDir.resolve("checkpoint.ckpt");
        RecipeRun.Result b = RecipeRun.run(moved, TRAIN.slice(0, 64), TEST, RecipeRun.Options.writingTo(runDir).resumingFrom(ck), s -> { });
        assertEquals(a.model(), b.model(), "a finished run resumed under the same recipe gives the same model");

        Recipe otherTeacher = RecipeParser.parse(tiny.formatted(
                ", \"distillation\": {\"teacher\": \"teachers/t.ckpt\", \"alpha\": 0.5, \"temperature\": 4}"), "c.json", dir.resolve("teachers"));
        var e = assertThrows(RecipeException.class, () -> RecipeRun.run(otherTeacher, TRAIN.slice(0, 64), TEST,
                RecipeRun.Options.writingTo(runDir).resumingFrom(ck), s -> { }));
        assertTrue(e.getMessage().contains("was trained with a different recipe than c.json"), e.getMessage());
    }

    @Test
    void aLayerListStartsFromAnotherPrecisionsRun(@TempDir Path dir) throws Exception {
        String tiny = TINY.formatted("").replace("\"epochs\": 2", "\"epochs\": 1");
        Recipe first = RecipeParser.parse(tiny.replace("wta2", "w8a8"), "first.json", dir);
        RecipeRun.run(first, TRAIN, TEST, RecipeRun.Options.writingTo(dir.resolve("first")), s -> { });
        Recipe second = RecipeParser.parse(tiny.replace("wta2", "w1a2").replace("\"seed\": 3",
                "\"seed\": 3, \"init\": \"first/checkpoint.ckpt\""), "second.json", dir);
        QuantizedNetwork started = RecipeRun.buildNetwork(second, 1, 28, 28, 10);
        QuantizedNetwork trained = RecipeCheckpoints.load(dir.resolve("first/checkpoint.ckpt"));
        var want = trained.namedParameters();
        started.namedParameters().forEach((n, v) -> assertArrayEquals(want.get(n).data().data(), v.data().data(), n));
        Recipe fresh = RecipeParser.parse(tiny.replace("wta2", "w1a2"), "fresh.json", dir);
        assertNotEquals(RecipeRun.buildNetwork(fresh, 1, 28, 28, 10).namedParameters().get("conv1.W").data().data()[0],
                started.namedParameters().get("conv1.W").data().data()[0], "init replaced the random start");
        RecipeRun.Result r = RecipeRun.run(second, TRAIN, TEST, s -> { });
        assertTrue(r.floatAccuracy() > 0.3, "learns from the init: accuracy " + r.floatAccuracy());
    }

    @Test
    void anInitWithOtherLayersIsRefusedByName(@TempDir Path dir) throws Exception {
        String tiny = TINY.formatted("").replace("\"epochs\": 2", "\"epochs\": 1");
        RecipeRun.run(RecipeParser.parse(tiny, "first.json", dir), TRAIN.slice(0, 64), TEST,
                RecipeRun.Options.writingTo(dir.resolve("first")), s -> { });
        Recipe wider = RecipeParser.parse(tiny.replace("\"out\": 8", "\"out\": 9").replace("\"seed\": 3",
                "\"seed\": 3, \"init\": \"first/checkpoint.ckpt\""), "wider.json", dir);
        var e = assertThrows(RecipeException.class, () -> RecipeRun.buildNetwork(wider, 1, 28, 28, 10));
        assertTrue(e.getMessage().startsWith("wider.json: init: ") && e.getMessage().contains("holds different layers: layers[0]"),
                e.getMessage());
    }

    @Test
    void aTwoStageRunTrainsItsFirstStageOnceAndIsDeterministic(@TempDir Path dir) throws Exception {
        String tiny = TINY.formatted(", \"pretrain\": {\"precision\": \"w8a8\", \"epochs\": 1}").replace("\"epochs\": 2",
                "\"epochs\": 1").replace("wta2", "w1a2");
        Recipe r = RecipeParser.parse(tiny, "two.json", dir);
        List<String> log = new ArrayList<>();
        RecipeRun.Result a = RecipeRun.run(r, TRAIN, TEST, RecipeRun.Options.writingTo(dir.resolve("a")), log::add);
        assertTrue(log.getFirst().startsWith("pretrain: first stage: "), log.toString());
        assertTrue(log.get(1).startsWith("pretrain: epoch 1"), log.toString());
        assertTrue(log.get(2).startsWith("epoch 1"), log.toString());
        assertTrue(java.nio.file.Files.size(dir.resolve("a/pretrain/model.dot4j")) > 0);
        assertTrue(a.floatAccuracy() > 0.3, "learns: accuracy " + a.floatAccuracy());

        RecipeRun.Result b = RecipeRun.run(r, TRAIN, TEST, s -> { });
        assertArrayEquals(ModelWriter.toBytes(a.model()), ModelWriter.toBytes(b.model()), "same recipe, same bits");

        // a second run into the same folder (as a sweep restarted before the second stage's first checkpoint) reuses stage 1
        java.nio.file.Files.delete(dir.resolve("a/checkpoint.ckpt"));
        List<String> again = new ArrayList<>();
        RecipeRun.Result c = RecipeRun.run(r, TRAIN, TEST, RecipeRun.Options.writingTo(dir.resolve("a")), again::add);
        assertTrue(again.getFirst().startsWith("pretrain: finished earlier"), again.toString());
        assertArrayEquals(ModelWriter.toBytes(a.model()), ModelWriter.toBytes(c.model()));

        RecipeRun.Result plain = RecipeRun.run(RecipeParser.parse(tiny.replace(", \"pretrain\": {\"precision\": \"w8a8\", \"epochs\": 1}",
                ""), "one.json", dir), TRAIN, TEST, s -> { });
        assertNotEquals(a.epochs().getLast().loss(), plain.epochs().getLast().loss(), "the first stage changed the second");
    }
}
