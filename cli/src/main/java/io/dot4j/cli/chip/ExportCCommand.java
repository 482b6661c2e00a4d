package io.dot4j.cli.chip;

import io.dot4j.codegen.c.CModel;
import io.dot4j.codegen.c.Target;
import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.ir.IntModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dot4j export-c MODEL.dot4j --out DIR [--target T]}: the model as two C99 files, its RAM plan first. */
@Command(name = "export-c", mixinStandardHelpOptions = true,
        description = {"Write a .dot4j model as self-contained C99 (dot4j_model.h, dot4j_model.c): const weights and",
                "thresholds, static line buffers, no heap, no libc; entry point",
                "int dot4j_predict(const uint8_t *pixels, int32_t *scores). Prints the RAM plan."})
public final class ExportCCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL", description = "a .dot4j file")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the two files")
    Path out;

    @Option(names = "--target", paramLabel = "T", defaultValue = "host",
            description = "host, cortex-m0, cortex-m3, cortex-m4, rv32imc, rv32imc-zbb, rv32e (chooses the popcount form)")
    String target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Target t = TargetOption.parse(target);
        IntModel model = ModelReader.read(file);
        CModel c = CModel.generate(model, t);
        PrintWriter w = spec.commandLine().getOut();
        w.print(c.plan().describe());
        c.write(out);
        w.println("wrote " + out.resolve(CModel.HEADER) + " and " + out.resolve(CModel.SOURCE) + " for " + t.id()
                + " (popcount: " + t.popcount().name().toLowerCase(java.util.Locale.ROOT) + ")");
        w.flush();
        return 0;
    }
}
