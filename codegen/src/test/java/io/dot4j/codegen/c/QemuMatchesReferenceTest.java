package io.dot4j.codegen.c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.TinyModels;
import io.dot4j.runtime.conformance.ConformanceFixtures;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** Each microcontroller build, run under QEMU, gives the reference's scores; its sizes and counts are sane. */
class QemuMatchesReferenceTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Target.class, names = "HOST", mode = EnumSource.Mode.EXCLUDE)
    void tinyModelOnTarget(Target target) throws Exception {
        CHarness.requireTool(target.compiler());
        CHarness.requireTool(target.qemu());
        CHarness.requireTool("gcc");
        Random r = new Random(5);
        byte[][] calibration = new byte[8][784];
        for (byte[] i : calibration) {
            r.nextBytes(i);
        }
        IntModel model = TinyModels.b(3, 1, calibration);
        byte[][] images = RandomModels.images(model, 9, 4);
        CBuild.Firmware fw = CBuild.firmware(CModel.generate(model, target), dir, CRun.imagesFile(dir),
                CRun.scoresFile(dir));
        CRun.Result run = CRun.qemu(fw, images, model.numClasses(), dir);
        ReferenceInterpreter ref = new ReferenceInterpreter(model);
        for (int i = 0; i < images.length; i++) {
            int[] expected = ref.scores(images[i]);
            assertArrayEquals(expected, run.scores()[i], target.id() + " scores of image " + i);
            assertEquals(IntModel.argmax(expected), run.classes()[i], target.id() + " class of image " + i);
        }
        assertEquals(images.length, run.inferences(), "one counted inference per image");
        assertTrue(run.instructionsPerInference() > 10_000, "instructions " + run.instructionsPerInference());
        assertTrue(run.peakStack() > 0 && run.peakStack() < 4096, "peak stack " + run.peakStack());
        assertTrue(fw.text() > 1000 && fw.bss() >= CModel.generate(model, target).plan().staticBytes(),
                "sizes " + fw);
    }

    /** Every conformance fixture's scores (its committed expectations) on every QEMU target. */
    @ParameterizedTest
    @EnumSource(value = Target.class, names = "HOST", mode = EnumSource.Mode.EXCLUDE)
    void conformanceFixturesOnEveryTarget(Target target) throws Exception {
        CHarness.requireTool(target.compiler());
        CHarness.requireTool(target.qemu());
        CHarness.requireTool("gcc");
        for (ConformanceFixtures.Fixture f : ConformanceFixtures.all()) {
            Path d = dir.resolve(f.name());
            CBuild.Firmware fw = CBuild.firmware(CModel.generate(f.model(), target), d, CRun.imagesFile(d),
                    CRun.scoresFile(d));
            CRun.Result run = CRun.qemu(fw, f.images(), f.model().numClasses(), d);
            for (int i = 0; i < f.cases().size(); i++) {
                assertArrayEquals(f.cases().get(i).scores(), run.scores()[i], target.id() + " " + f.name() + " case " + i);
            }
        }
    }

    /** Random models (every layer kind and precision, wide sums, 8-bit weights) on the smallest cores. */
    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"CORTEX_M0", "RV32E"})
    void randomModelsOnTheSmallestCores(Target target) throws Exception {
        CHarness.requireTool(target.compiler());
        CHarness.requireTool(target.qemu());
        CHarness.requireTool("gcc");
        for (long seed = 1; seed <= 8; seed++) {
            IntModel model = RandomModels.generate(seed);
            byte[][] images = RandomModels.images(model, seed, 3);
            Path d = dir.resolve("seed" + seed);
            CBuild.Firmware fw = CBuild.firmware(CModel.generate(model, target), d, CRun.imagesFile(d),
                    CRun.scoresFile(d));
            CRun.Result run = CRun.qemu(fw, images, model.numClasses(), d);
            ReferenceInterpreter ref = new ReferenceInterpreter(model);
            for (int i = 0; i < images.length; i++) {
                assertArrayEquals(ref.scores(images[i]), run.scores()[i], target.id() + " seed " + seed + " image " + i);
            }
        }
    }
}
