package io.dot4j.cli.deploy;

import io.dot4j.quant.recipes.RecipeCheckpoints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.cli.CliRun;
import io.dot4j.core.data.DataCache;
import io.dot4j.core.data.Dataset;
import io.dot4j.quant.lowering.IntegerSimulation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bit-exactness over the FULL real test sets: a quantized network trained briefly on a small slice, then the
 * runtime's fast kernels, its reference interpreter and the quant module's integer simulation compared at every
 * layer on all 10,000 test images of MNIST and of Fashion-MNIST.
 */
class VerifyCommandTest {

    @TempDir
    Path tmp;

    /** Trains a small w1a2 CNN (8-bit input, a negative-capable BN per channel, pools, dense scores) on a slice. */
    private Path trainTiny(String dataset, String dir) throws Exception {
        Path recipe = tmp.resolve(dataset + ".json");
        Files.writeString(recipe, """
                {"dataset": {"name": "%s", "trainLimit": 600, "testLimit": 100},
                 "input": [1, 28, 28], "precision": "w1a2",
                 "layers": [{"type": "conv", "out": 8, "kernel": 3, "pad": 1}, {"type": "maxpool", "kernel": 2},
                            {"type": "conv", "out": 16, "kernel": 3, "pad": 1}, {"type": "maxpool", "kernel": 2},
                            {"type": "flatten"}, {"type": "dense", "out": 10, "bias": true, "scaling": "tensor"}],
                 "optimizer": {"kind": "adam", "lr": 0.005}, "epochs": 1, "batch": 32, "seed": 3}
                """.formatted(dataset));
        Path out = tmp.resolve(dir);
        CliRun r = CliRun.of("train", "--recipe", recipe.toString(), "--out", out.toString(), "--quiet",
                "--cache", DataCache.root().toString());
        assertEquals(0, r.exitCode(), r.err() + r.out());
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mnist", "fashion-mnist"})
    void allIntegerPathsAgreeOnTheFullTestSet(String dataset) throws Exception {
        Path run = trainTiny(dataset, "run-" + dataset);
        CliRun ck = CliRun.of("verify", run.resolve("checkpoint.ckpt").toString(), "--data", dataset);
        assertEquals(0, ck.exitCode(), ck.out() + ck.err());
        assertTrue(ck.out().contains("fast kernels = reference interpreter = integer simulation at all 8 layers on 10,000 "),
                ck.out());
        CliRun file = CliRun.of("verify", run.resolve("model.dot4j").toString(), "--data", dataset, "--limit", "500");
        assertEquals(0, file.exitCode(), file.out() + file.err());
        assertTrue(file.out().contains("fast kernels = reference interpreter at all 8 layers on 500 "), file.out());
    }

    @Test
    void aDifferentNetworkIsCaughtAtTheFirstLayer() throws Exception {
        Path a = trainTiny("mnist", "a");
        IntegerSimulation simA = IntegerSimulation.of(RecipeCheckpoints.load(a.resolve("checkpoint.ckpt")));
        // the same network with one conv weight's sign flipped lowers to a model that must disagree somewhere
        var net = RecipeCheckpoints.load(a.resolve("checkpoint.ckpt"));
        var w = net.namedParameters().values().iterator().next();
        w.data().data()[0] = -w.data().data()[0];
        IntegerSimulation simB = IntegerSimulation.of(net);
        Dataset test = DataCache.load("mnist", "test").slice(0, 50);
        BitExactness.Result r = BitExactness.check(simB.model(), simA, test);
        assertTrue(r.mismatch().isPresent(), "a flipped weight went unnoticed");
        assertEquals(0, r.mismatch().get().layer(), r.mismatch().get().toString());
        assertTrue(r.mismatch().get().toString().contains("integer simulation"), r.mismatch().get().toString());
    }
}
