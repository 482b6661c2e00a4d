package io.dot4j.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.cli.CliRun;
import io.dot4j.runtime.Dot4jModel;
import io.dot4j.runtime.format.ModelWriter;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.kernels.CpuInfo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inspect --plan} prints what runs (the model's description) and {@code eval} names the kernel and the CPU. */
class KernelReportTest {
    @TempDir
    Path tmp;

    @Test
    void inspectPlanPrintsTheModelsDescription() throws Exception {
        IntModel model = TinyModels.mnistShaped(1);
        Path file = tmp.resolve("tiny.dot4j");
        ModelWriter.write(model, file);
        CliRun r = CliRun.of("inspect", "--plan", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        String description;
        try (Dot4jModel m = Dot4jModel.of(model)) {
            description = m.describe();
        }
        assertTrue(r.out().contains("plan (") && r.out().contains(description), "expected\n" + description + "in\n" + r.out());
        assertTrue(!CliRun.of("inspect", file.toString()).out().contains("plan ("), "the plan only with --plan");
    }

    @Test
    void evalNamesTheKernelAndTheCpu() throws Exception {
        Path file = tmp.resolve("tiny.dot4j");
        ModelWriter.write(TinyModels.mnistShaped(2), file);
        CliRun r = CliRun.of("eval", file.toString(), "--data", "mnist", "--limit", "200");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains(" on " + CpuInfo.read().summary()), r.out());
        assertTrue(r.out().contains("kernel "), r.out());
    }
}
