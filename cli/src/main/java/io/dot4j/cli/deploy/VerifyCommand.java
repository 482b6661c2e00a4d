package io.dot4j.cli.deploy;

import io.dot4j.quant.recipes.RecipeCheckpoints;
import io.dot4j.cli.UserError;
import io.dot4j.cli.data.CacheOption;
import io.dot4j.cli.data.DataHelp;
import io.dot4j.cli.data.DataSets;
import io.dot4j.core.train.Checkpoint;
import io.dot4j.core.data.Dataset;
import io.dot4j.quant.lowering.IntegerSimulation;
import io.dot4j.quant.recipes.RecipeException;
import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.ir.IntModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dot4j verify FILE --data NAME}: bit-exactness of every integer path over a whole test set, layer by layer.
 * Exit code 0 when all agree, 1 with the first difference otherwise.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check that every integer path gives the same numbers at every layer on every test image:",
                "for a .dot4j model, the runtime's fast kernels against its reference interpreter; for a quantized",
                "checkpoint (from train --recipe), also the quant module's direct integer simulation.",
                "Exit code 0 if all agree, 1 with the first difference otherwise.",
                "DATA: " + DataHelp.REFERENCE})
public final class VerifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "a .dot4j model or a quantized checkpoint")
    Path file;

    @Option(names = "--data", paramLabel = "DATA",
            description = "The data set (see above); default: the one a quantized checkpoint's recipe names (a .dot4j file"
                    + " needs it).")
    String data;

    @Option(names = {"--limit", "--images"}, paramLabel = "N", defaultValue = "0",
            description = "only the first N test images")
    int limit;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "java",
            description = "java (the runtime's paths, layer by layer), or another back end whose scores must equal the"
                    + " runtime's: c-host, cortex-m0, cortex-m3, cortex-m4, rv32imc, rv32imc-zbb, rv32e (generated C,"
                    + " natively or under QEMU), verilog (the generated design in Verilator)")
    String backend;

    @Option(names = "--fold", paramLabel = "SPEC", description = "with --backend verilog: folds LAYER=PExSIMD[,...]")
    String fold;

    @Option(names = "--build-dir", paramLabel = "DIR", defaultValue = "verilog-build",
            description = "with --backend verilog: folder for the design and the simulator (default ${DEFAULT-VALUE})")
    Path buildDir;

    @Mixin
    CacheOption cache;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such file");
        }
        IntModel model;
        IntegerSimulation simulation = null;
        String name = data;
        if (ModelReader.hasMagic(file)) {
            model = ModelReader.read(file);
            if (name == null) {
                throw new UserError(file + " is a .dot4j model, which does not record its data set; give --data");
            }
        } else {
            Checkpoint ck = Checkpoint.read(file);
            if (!CheckpointKind.isQuantized(ck)) {
                throw CheckpointKind.notQuantized(ck, "verify");
            }
            if (name == null) {
                name = CheckpointKind.recipeDataset(ck);
            }
            try {
                simulation = IntegerSimulation.of(RecipeCheckpoints.load(file));
            } catch (RecipeException e) {
                throw new UserError(e.getMessage(), e);
            }
            model = simulation.model();
        }
        Dataset test = DataSets.evaluationSet(name, cache.root(), model, limit);
        if (backend.equals("verilog")) {
            return io.dot4j.cli.fpga.VerilogVerify.run(model, test, fold, buildDir, spec.commandLine().getOut());
        } else if (!backend.equals("java")) {
            return BackendComparison.run(VerifyBackend.named(backend), backend, model, test,
                    spec.commandLine().getOut());
        }
        long t0 = System.nanoTime();
        BitExactness.Result r = BitExactness.check(model, simulation, test);
        PrintWriter out = spec.commandLine().getOut();
        String paths = simulation == null ? "fast kernels = reference interpreter"
                : "fast kernels = reference interpreter = integer simulation";
        if (r.mismatch().isPresent()) {
            out.println("MISMATCH at " + r.mismatch().get());
            out.flush();
            return 1;
        }
        out.printf(Locale.ROOT, "bit-exact: %s at all %d layers on %,d %s images (%.1f s)%n", paths, r.layers(),
                r.images(), test.name(), (System.nanoTime() - t0) / 1e9);
        out.flush();
        return 0;
    }
}
