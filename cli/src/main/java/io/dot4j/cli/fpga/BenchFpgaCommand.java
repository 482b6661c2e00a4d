package io.dot4j.cli.fpga;

import io.dot4j.cli.UserError;
import io.dot4j.codegen.verilog.DesignPlan;
import io.dot4j.codegen.verilog.ExportedDesign;
import io.dot4j.codegen.verilog.FpgaFlow;
import io.dot4j.codegen.verilog.FpgaReport;
import io.dot4j.codegen.verilog.SimulationResult;
import io.dot4j.codegen.verilog.ToolException;
import io.dot4j.codegen.verilog.VerilogExport;
import io.dot4j.codegen.verilog.VerilogSimulation;
import io.dot4j.runtime.ir.IntModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dot4j bench-fpga MODEL [--fold SPEC]}: the design synthesized and placed on an iCE40 UP5K with a fixed seed,
 * its cycles per image measured in simulation, images/s = fmax / interval.
 */
@Command(name = "bench-fpga", mixinStandardHelpOptions = true,
        description = {"Synthesize (yosys synth_ice40) and place and route (nextpnr-ice40 --up5k --package sg48, fixed seed)",
                "a model's Verilog design; simulate it (Verilator) for its cycles per image; print logic cells, EBR,",
                "SPRAM, DSP, fmax, interval and images/s. CPU-heavy: minutes for a small model."})
public final class BenchFpgaCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "a .dot4j model")
    Path model;

    @Option(names = "--fold", paramLabel = "SPEC", description = "folds for some layers, LAYER=PExSIMD[,...]")
    String fold;

    @Option(names = "--budget", paramLabel = "LCS", defaultValue = "3700",
            description = "logic-cell estimate the chosen folds may take (default ${DEFAULT-VALUE})")
    int budget;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "fpga-build",
            description = "folder for the design, the netlist, the .asc and the logs (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--freq", paramLabel = "MHZ", defaultValue = "30", description = "nextpnr's target clock (default ${DEFAULT-VALUE})")
    double freq;

    @Option(names = "--images", paramLabel = "N", defaultValue = "8",
            description = "images streamed back to back to measure the interval (timing does not depend on pixels)")
    int images;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (images < 2) {
            throw new UserError("--images " + images + ": expected at least 2 (the interval is the gap between results)");
        }
        IntModel m = ModelFile.read(model);
        DesignPlan plan = ModelFile.plan(model, m, fold, budget);
        PrintWriter o = spec.commandLine().getOut();
        o.print(plan.describe());
        o.flush();
        try {
            ExportedDesign d = VerilogExport.write(plan, out);
            Random r = new Random(1);
            List<byte[]> pixels = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                byte[] p = new byte[m.input().elements()];
                r.nextBytes(p);
                pixels.add(p);
            }
            SimulationResult sim = VerilogSimulation.build(d).run(pixels);
            FpgaReport rep = FpgaFlow.run(d, freq);
            o.println("iCE40 UP5K (sg48), " + model.getFileName() + ", fold " + plan.folds() + ":");
            o.print(rep.describe(sim.interval(), sim.latency()));
            o.println("logs and board.asc in " + out + " (icepack board.asc board.bin makes the bitstream)");
            o.flush();
            return rep.routed() ? 0 : 1;
        } catch (ToolException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
