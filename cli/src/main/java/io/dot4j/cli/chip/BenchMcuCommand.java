package io.dot4j.cli.chip;

import io.dot4j.cli.UserError;
import io.dot4j.cli.data.CacheOption;
import io.dot4j.cli.data.DataSets;
import io.dot4j.codegen.c.CBuild;
import io.dot4j.codegen.c.CModel;
import io.dot4j.codegen.c.CRun;
import io.dot4j.codegen.c.Target;
import io.dot4j.codegen.c.ToolException;
import io.dot4j.core.data.Dataset;
import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.ir.IntModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dot4j bench-mcu MODEL --target T}: flash, RAM and instructions per inference of the generated C on a
 * microcontroller target under QEMU ({@code -icount shift=0}, instructions counted by a TCG plugin); with
 * {@code --target host --time}, the native C (-O3 -march=native) timed beside the Java runtime.
 */
@Command(name = "bench-mcu", mixinStandardHelpOptions = true,
        description = {"Build the generated C for a microcontroller, run it under QEMU and print flash (text + rodata",
                "+ data), RAM (data + bss + peak stack, measured by painting) and instructions per inference",
                "(instructions (QEMU), not cycles). --target host --time times the native C against the Java runtime."})
public final class BenchMcuCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL", description = "a .dot4j file")
    Path file;

    @Option(names = "--target", required = true, paramLabel = "T",
            description = "cortex-m0, cortex-m3, cortex-m4, rv32imc, rv32imc-zbb, rv32e, or host (with --time)")
    String target;

    @Option(names = "--data", paramLabel = "NAME", description = "test images from this data set (default: seeded"
            + " random images)")
    String data;

    @Option(names = "--images", paramLabel = "N", defaultValue = "10", description = "images to run (default 10)")
    int count;

    @Option(names = "--time", description = "host only: time the C (-O3 -march=native) and the Java runtime"
            + " (needs an idle machine)")
    boolean time;

    @Option(names = "--popcount", paramLabel = "FORM", description = "builtin, swar or table (default: the target's)")
    String popcount;

    @Option(names = "--opt", paramLabel = "FLAG", description = "optimisation flag instead of the target's -Os, e.g. -O2")
    String opt;

    @Option(names = "--keep", paramLabel = "DIR", description = "build in DIR and keep it")
    Path keep;

    @Mixin
    CacheOption cache;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Target t = TargetOption.parse(target);
        if (count < 1) {
            throw new UserError("--images " + count + ": expected at least 1");
        }
        IntModel model = ModelReader.read(file);
        byte[][] images = images(model);
        PrintWriter out = spec.commandLine().getOut();
        CModel c = popcount == null ? CModel.generate(model, t)
                : CModel.generate(model, t, io.dot4j.codegen.c.Popcount.valueOf(popcount.toUpperCase(Locale.ROOT)));
        out.print(c.plan().describe());
        out.flush();
        Path dir = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("dot4j-bench-" + t.id() + "-");
        try {
            if (!t.emulated()) {
                if (!time) {
                    throw new UserError("--target host measures time only: add --time (on an idle machine)");
                }
                HostTiming.run(c, model, images, dir, out);
                return 0;
            }
            CBuild.Firmware fw = CBuild.firmware(c, dir, CRun.imagesFile(dir), CRun.scoresFile(dir),
                    opt == null ? java.util.List.of() : java.util.List.of(opt));
            CRun.Result r = CRun.qemu(fw, images, model.numClasses(), dir);
            out.printf(Locale.ROOT, "%s on %s (%s %s), %d images%n", file.getFileName(), t.id(), t.qemu(),
                    String.join(" ", t.board()), images.length);
            out.printf(Locale.ROOT, "flash: %,d bytes (text+rodata %,d, data %,d)%n", fw.flash(), fw.text(), fw.data());
            out.printf(Locale.ROOT, "RAM:   %,d bytes (data %,d, bss %,d incl. the %,d-byte input image, peak stack %,d)%n",
                    fw.data() + fw.bss() + r.peakStack(), fw.data(), fw.bss(), c.plan().imageBytes(), r.peakStack());
            out.printf(Locale.ROOT, "instructions per inference: %,d (instructions (QEMU), not cycles: TCG plugin count"
                    + " under -icount shift=0, mean of %d)%n", r.instructionsPerInference(), r.inferences());
            out.flush();
            return 0;
        } catch (ToolException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    private byte[][] images(IntModel model) throws java.io.IOException {
        int size = model.input().elements();
        byte[][] images = new byte[count][];
        if (data == null) {
            Random r = new Random(1);
            for (int i = 0; i < count; i++) {
                images[i] = new byte[size];
                r.nextBytes(images[i]);
            }
            return images;
        }
        Dataset test = DataSets.evaluationSet(data, cache.root(), model, 0);
        if (test.imageSize() != size) {
            throw new UserError("--data " + data + ": images of " + test.imageSize() + " pixels, the model takes " + size);
        }
        for (int i = 0; i < count; i++) {
            images[i] = test.image(i % test.count());
        }
        return images;
    }
}
