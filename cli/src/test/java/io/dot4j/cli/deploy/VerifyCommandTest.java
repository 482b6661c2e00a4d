package io.dot4j.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.cli.Main;
import io.dot4j.core.data.DataCache;
import io.dot4j.core.data.Dataset;
import io.dot4j.quant.lowering.IntegerSimulation;
import io.dot4j.quant.recipes.RecipeRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Bit-exactness over the FULL real test sets: a quantized network trained briefly on a small slice, then the
 * runtime's fast kernels, its reference interpreter and the quant module's integer simulation compared at every
 * layer on all 10,000 test images of MNIST and of Fashion-MNIST.
 */
class VerifyCommandTest {

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

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
        Run r = run("train", "--recipe", recipe.toString(), "--out", out.toString(), "--cache", DataCache.root().toString());
        assertEquals(0, r.code, r.err + r.out);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mnist", "fashion-mnist"})
    void allIntegerPathsAgreeOnTheFullTestSet(String dataset) throws Exception {
        Path run = trainTiny(dataset, "run-" + dataset);
        Run ck = run("verify", run.resolve("checkpoint.ckpt").toString(), "--data", dataset);
        assertEquals(0, ck.code, ck.out + ck.err);
        assertTrue(ck.out.contains("fast kernels = reference interpreter = integer simulation at all 8 layers on 10,000 "),
                ck.out);
        Run file = run("verify", run.resolve("model.dot4j").toString(), "--data", dataset, "--limit", "500");
        assertEquals(0, file.code, file.out + file.err);
        assertTrue(file.out.contains("fast kernels = reference interpreter at all 8 layers on 500 "), file.out);
    }

    @Test
    void aDifferentNetworkIsCaughtAtTheFirstLayer() throws Exception {
        Path a = trainTiny("mnist", "a");
        IntegerSimulation simA = IntegerSimulation.of(RecipeRun.loadCheckpoint(a.resolve("checkpoint.ckpt")));
        // the same network with one conv weight's sign flipped lowers to a model that must disagree somewhere
        var net = RecipeRun.loadCheckpoint(a.resolve("checkpoint.ckpt"));
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
