package io.dot4j.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.dot4j.runtime.RandomBitConvModels;
import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.RealImages;
import io.dot4j.runtime.TinyModels;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import io.dot4j.runtime.vector.VectorBitConvKernel;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The engine on the Vector API kernel (constructed directly, so these run even where it is not the one selected)
 * against the reference interpreter: random binary-conv models (fused and unfused), random models of every layer
 * kind, and the tiny models on real digits.
 */
class VectorKernelMatchesReferenceTest {
    private static final VectorBitConvKernel KERNEL = new VectorBitConvKernel();

    @Property(tries = 400, seed = "20261202")
    void binaryConvModelsAreBitExact(@ForAll long seed) {
        BitConvModelsMatchReferenceTest.check(RandomBitConvModels.generate(seed), KERNEL, seed);
    }

    @Property(tries = 300, seed = "20261203")
    void randomModelsAreBitExact(@ForAll long seed) {
        BitConvModelsMatchReferenceTest.check(RandomModels.generate(seed), KERNEL, seed);
    }

    @Test
    void tinyModelsAreBitExactOnMnistDigits() {
        byte[][] digits = RealImages.mnistTest(40);
        byte[][] calib = Arrays.copyOf(digits, 20);
        for (IntModel m : List.of(TinyModels.a(1, 1, calib), TinyModels.a(2, 8, calib), TinyModels.b(3, 1, calib),
                TinyModels.c(4, 1, calib))) {
            ReferenceInterpreter ref = new ReferenceInterpreter(m);
            try (IntEngine e = new IntEngine(m, true, KERNEL)) {
                for (int i = 0; i < digits.length; i++) {
                    List<int[]> expected = ref.run(digits[i]);
                    List<int[]> actual = e.trace(digits[i]);
                    for (int l = 0; l < expected.size(); l++) {
                        assertArrayEquals(expected.get(l), actual.get(l), "digit " + i + ", layer " + l);
                    }
                    assertArrayEquals(expected.get(expected.size() - 1), e.scores(digits[i]), "digit " + i);
                }
            }
        }
    }
}
