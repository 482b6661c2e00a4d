package io.dot4j.cli.fpga;

import io.dot4j.cli.UserError;
import io.dot4j.codegen.verilog.DesignLint;
import io.dot4j.codegen.verilog.DesignPlan;
import io.dot4j.codegen.verilog.ExportedDesign;
import io.dot4j.codegen.verilog.ToolException;
import io.dot4j.codegen.verilog.VerilogExport;
import io.dot4j.runtime.ir.IntModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dot4j export-verilog MODEL --out DIR [--fold SPEC]}: the model as a streaming Verilog-2005 design. */
@Command(name = "export-verilog", mixinStandardHelpOptions = true,
        description = {"Write a .dot4j model as a streaming Verilog-2005 design for small FPGAs (docs/CODEGEN_VERILOG.md):",
                "one module per layer, weights in $readmemh ROM files, valid/ready streams (pixels in, class and scores out).",
                "Prints the plan: every layer's fold (PE x SIMD) and cycles per image."})
public final class ExportVerilogCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "a .dot4j model")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder to write the design into")
    Path out;

    @Option(names = "--fold", paramLabel = "SPEC",
            description = "folds for some layers, LAYER=PExSIMD[,...], e.g. 0=4x9,3=2x144 (others are chosen to balance)")
    String fold;

    @Option(names = "--budget", paramLabel = "LCS", defaultValue = "3700",
            description = "logic-cell estimate the chosen folds may take (default ${DEFAULT-VALUE})")
    int budget;

    @Option(names = "--lint", description = "also check the design: verilator --lint-only -Wall, iverilog, yosys (no latches)")
    boolean lint;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        IntModel m = ModelFile.read(model);
        DesignPlan plan = ModelFile.plan(model, m, fold, budget);
        ExportedDesign d = VerilogExport.write(plan, out);
        PrintWriter o = spec.commandLine().getOut();
        o.print(plan.describe());
        o.println("wrote " + d.sources().size() + " Verilog files, " + d.roms().size() + " ROM files and "
                + d.board().getFileName() + " into " + out + " (top modules dot4j_top and dot4j_board)");
        if (lint) {
            try {
                DesignLint.check(d);
            } catch (ToolException e) {
                throw new UserError(e.getMessage(), e);
            }
            o.println("lint: verilator -Wall clean, iverilog -g2005 accepts it, yosys infers no latch");
        }
        o.flush();
        return 0;
    }
}
