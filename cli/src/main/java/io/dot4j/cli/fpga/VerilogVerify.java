package io.dot4j.cli.fpga;

import io.dot4j.cli.UserError;
import io.dot4j.cli.deploy.ModelEvaluation;
import io.dot4j.codegen.verilog.FoldSpec;
import io.dot4j.codegen.verilog.ToolException;
import io.dot4j.codegen.verilog.UnsupportedModelException;
import io.dot4j.codegen.verilog.VerilogBitExactness;
import io.dot4j.core.data.Dataset;
import io.dot4j.runtime.ir.IntModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@code verilog} back end of {@code dot4j verify}: the simulated design against the Java runtime, every image. */
public final class VerilogVerify {
    private VerilogVerify() {
    }

    /** Returns the exit code: 0 when every image's scores agree, 1 at the first difference. */
    public static int run(IntModel model, Dataset test, String folds, Path dir, PrintWriter out) throws Exception {
        List<byte[]> images = new ArrayList<>(test.count());
        for (int i = 0; i < test.count(); i++) {
            images.add(ModelEvaluation.channelLast(test, i));
        }
        long t0 = System.nanoTime();
        VerilogBitExactness.Result r;
        try {
            r = VerilogBitExactness.check(model, FoldSpec.parse(folds), images, dir);
        } catch (UnsupportedModelException | IllegalArgumentException | ToolException e) {
            throw new UserError(e.getMessage(), e);
        }
        if (r.mismatch().isPresent()) {
            out.println("MISMATCH at " + r.mismatch().get());
            out.flush();
            return 1;
        }
        out.printf(Locale.ROOT, "bit-exact: Verilog simulation (Verilator) = Java runtime, scores of all %,d %s images "
                        + "(%.1f s); fold %s; %,.1f cycles per image (interval), latency %,d cycles%n", r.images(), test.name(),
                (System.nanoTime() - t0) / 1e9, r.plan().folds(), r.simulation().interval(), r.simulation().latency());
        out.flush();
        return 0;
    }
}
