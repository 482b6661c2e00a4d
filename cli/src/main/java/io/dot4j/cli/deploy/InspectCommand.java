package io.dot4j.cli.deploy;

import io.dot4j.runtime.Dot4jModel;
import io.dot4j.runtime.analysis.BufferPlan;
import io.dot4j.runtime.analysis.ModelAnalysis;
import io.dot4j.runtime.analysis.StreamingPlan;
import io.dot4j.runtime.format.LayerSize;
import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.format.ModelSize;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.LayerStats;
import io.dot4j.runtime.kernels.IntEngine;
import io.dot4j.runtime.limits.EngineFootprint;
import io.dot4j.runtime.limits.LimitExceededException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dot4j inspect MODEL.dot4j}: per layer the shapes, weight bits, bytes in the file, MACs and the memory its
 * output or line buffer takes on each kind of back end; then the totals and the three memory plans side by side
 * (the Java engine's int32 buffers, a packed device holding whole tensors, a packed device streaming rows), all
 * from {@link ModelAnalysis}. The total bytes are computed from the model and checked against the file's length.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show the layers of a .dot4j integer model: shapes, weight bits, bytes, MACs, activation"
                + " memory; totals and peak activation memory.")
public final class InspectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL", description = "a .dot4j file")
    Path file;

    @Spec
    CommandSpec spec;

    // --plan (the kernels helper's block): what the runtime runs on this machine
    @Option(names = "--plan", description = "also print what predict, eval and bench run on this machine: per operation"
            + " the layers, kernel, vector width and fusions, and the CPU")
    boolean plan;

    // codegen-c: the streamed C program's RAM plan for a target
    @picocli.CommandLine.Option(names = "--target", paramLabel = "T",
            description = "also print the RAM plan of the generated C for this target (host, cortex-m0, ...)")
    String target;

    @Override
    public Integer call() throws Exception {
        IntModel model = ModelReader.read(file);
        long fileBytes = Files.size(file);
        int version = ModelReader.formatVersion(file);
        PrintWriter out = spec.commandLine().getOut();
        print(model, version, fileBytes, out);
        if (plan) {
            printPlan(model, out);
        }
        if (target != null) {
            io.dot4j.codegen.c.Target t = io.dot4j.cli.chip.TargetOption.parse(target);
            out.print(t.id() + ": " + io.dot4j.codegen.c.CModel.generate(model, t).plan().describe());
        }
        out.flush();
        return 0;
    }

    /**
     * Prints the table for a file of format {@code version} (4 as written today, or 3 or 2, still read). The bytes are
     * that file's; an old file also shows what re-exporting it would take.
     */
    static void print(IntModel model, int version, long fileBytes, PrintWriter out) {
        ModelSize size = ModelSize.of(model, version);
        if (size.total() != fileBytes) {
            // the reader accepted the file, so this can only be a bug in the size accounting: say so loudly
            throw new IllegalStateException("size accounting says " + size.total() + " bytes but the file has " + fileBytes);
        }
        List<LayerStats> stats = model.layerStats();
        ModelAnalysis analysis = ModelAnalysis.of(model);
        BufferPlan buffers = analysis.buffers();
        StreamingPlan streaming = analysis.streaming();
        out.printf(Locale.ROOT, "input %dx%dx%d u8 pixels, %d classes%n", model.input().channels(),
                model.input().height(), model.input().width(), model.numClasses());
        out.printf(Locale.ROOT, "%-3s %-20s %-28s %-28s %6s %10s %12s %11s %11s %11s%n", "#", "layer", "input", "output",
                "w.bits", "bytes", "MACs", "out.packed", "out.engine", "stream");
        for (int i = 0; i < stats.size(); i++) {
            LayerStats s = stats.get(i);
            LayerSize ls = size.layers().get(i);
            out.printf(Locale.ROOT, "%-3d %-20s %-28s %-28s %6s %,10d %,12d %11s %,11d %,11d%n", i, s.kind(), s.input(),
                    s.output(), weightBits(model, i), ls.recordBytes(), s.macs(),
                    buffers.tensors().get(i + 1).view() ? "view" : String.format(Locale.ROOT, "%,d", s.activationBytes()),
                    buffers.tensors().get(i + 1).engineBytes(), streaming.layers().get(i).totalBytes());
        }
        out.printf(Locale.ROOT, "header %,d bytes, CRC %,d bytes%n", size.headerBytes(), size.crcBytes());
        out.printf(Locale.ROOT, "total: %,d bytes in the file (format v%d: weights %,d, thresholds %,d, structure %,d)%n",
                size.total(), version, size.weightBytes(), size.thresholdBytes(),
                size.total() - size.weightBytes() - size.thresholdBytes());
        ModelSize current = ModelSize.of(model);
        if (current.total() != size.total()) {
            out.printf(Locale.ROOT, "re-exported as the current format it would be %,d bytes (weights %,d, thresholds %,d,"
                    + " structure %,d)%n", current.total(), current.weightBytes(), current.thresholdBytes(),
                    current.total() - current.weightBytes() - current.thresholdBytes());
        }
        out.printf(Locale.ROOT, "MACs per image: %,d%n", model.totalMacs());
        printMemory(model, analysis, out);
    }

    /**
     * The three memory plans, each named for what it is: the Java engine's buffers (as it allocates them, and the
     * int32 tensors they hold), a packed device holding whole tensors, a packed device streaming rows. out.packed /
     * out.engine / stream in the table are one layer's share (its output packed, its output as int32, its line buffer
     * and running sums).
     */
    static void printMemory(IntModel model, ModelAnalysis analysis, PrintWriter out) {
        BufferPlan b = analysis.buffers();
        out.printf(Locale.ROOT, "activation memory per image, by back end:%n");
        try {
            // inspect must work on a model too large to run: the engine is built only within the limits
            EngineFootprint.check(model, "model");
            try (IntEngine engine = new IntEngine(model)) {
                line(out, "Java engine (" + engine.bitKernel() + "): int32 buffers as it allocates them, per thread",
                        engine.workspaceBytesPerThread());
            }
        } catch (LimitExceededException e) {
            out.printf(Locale.ROOT, "  Java engine: not built, %s%n", e.getMessage());
        }
        line(out, "  of which the tensors themselves, 4 bytes per element", b.enginePerThreadBytes());
        line(out, "packed device, whole tensors: peak activation memory (input+output of layer " + b.packedPeakLayer() + ")",
                b.packedPeakBytes());
        line(out, "packed device, streaming rows: all line buffers and running sums", analysis.streaming().peakBytes());
    }

    private static void line(PrintWriter out, String what, long bytes) {
        out.printf(Locale.ROOT, "  %-78s %,12d bytes%n", what, bytes);
    }

    private static String weightBits(IntModel model, int layer) {
        return switch (model.layers().get(layer)) {
            case io.dot4j.runtime.ir.Conv c -> Integer.toString(c.weights().bits());
            case io.dot4j.runtime.ir.Dense d -> Integer.toString(d.weights().bits());
            default -> "-";
        };
    }

    /** The --plan block: {@link Dot4jModel#describe()} of this model in this JVM. */
    static void printPlan(IntModel model, PrintWriter out) {
        out.println("plan (what predict, eval and bench run here, decided when the model is loaded):");
        try (Dot4jModel m = Dot4jModel.of(model)) {
            out.print(m.describe());
        } catch (LimitExceededException e) {
            out.printf(Locale.ROOT, "  not built, %s%n", e.getMessage());
        }
    }
}
