package io.dot4j.codegen.c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.RealImages;
import io.dot4j.runtime.TinyModels;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host C on real MNIST digits: every layer of 50 images, and the scores of 1,000, equal the reference. */
class RealImagesTest {
    @TempDir
    Path dir;

    @Test
    void everyLayerOnRealDigits() throws Exception {
        byte[][] calibration = RealImages.mnistTest(64);
        IntModel b = TinyModels.b(17, 1, calibration);
        CHarness.hostMatchesReference(b, Arrays.copyOfRange(RealImages.mnistTest(1050), 1000, 1050), dir.resolve("b"));
        IntModel lenet = RandomModels.lenetLike(5, 2, 2);
        CHarness.hostMatchesReference(lenet, RealImages.mnistTest(6), dir.resolve("lenet"));
    }

    @Test
    void scoresOfAThousandDigits() throws Exception {
        CHarness.requireTool("gcc");
        IntModel a = TinyModels.a(23, 2, RealImages.mnistTest(64));
        byte[][] images = RealImages.mnistTest(1000);
        CModel c = CModel.generate(a, Target.HOST);
        CRun.Result r = CRun.host(CBuild.host(c, dir, false, java.util.List.of("-O2")), images, 10, dir, null);
        ReferenceInterpreter ref = new ReferenceInterpreter(a);
        for (int i = 0; i < images.length; i++) {
            int[] expected = ref.scores(images[i]);
            assertArrayEquals(expected, r.scores()[i], "scores of MNIST test image " + i);
            assertEquals(IntModel.argmax(expected), r.classes()[i], "class of MNIST test image " + i);
        }
    }
}
