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
public class VectorKernelMatchesReferenceTest {
    private static final VectorBitConvKernel KERNEL = new VectorBitConvKernel();

    @Property(tries = 400, seed = "20261202")
    public void binaryConvModelsAreBitExact(@ForAll long seed) {
        BitConvModelsMatchReferenceTest.check(RandomBitConvModels.generate(seed), KERNEL, seed);
    }

    @Property(tries = 300, seed = "20261203")
    public void randomModelsAreBitExact(@ForAll long seed) {
        BitConvModelsMatchReferenceTest.check(RandomModels.generate(seed), KERNEL, seed);
    }

    /**
     * Images whose top and bottom rows are blank (like digits): the convolutions skip those windows, and a first layer
     * with fused thresholds fills them with the level of 0.
     */
    @Property(tries = 300, seed = "20261210")
    public void randomModelsAreBitExactOnImagesWithBlankRows(@ForAll long seed) {
        IntModel model = RandomModels.generate(seed);
        ReferenceInterpreter ref = new ReferenceInterpreter(model);
        java.util.Random r = new java.util.Random(seed);
        int h = model.input().height(), row = model.input().width() * model.input().channels();
        try (IntEngine engine = new IntEngine(model, true, KERNEL)) {
            for (byte[] img : RandomModels.images(model, seed ^ 0xb1a4c, 4)) {
                int top = r.nextInt(h), bottom = r.nextInt(h - top + 1);
                Arrays.fill(img, 0, top * row, (byte) 0);
                Arrays.fill(img, (h - bottom) * row, h * row, (byte) 0);
                assertArrayEquals(ref.scores(img), engine.scores(img), "model " + seed + ", blank rows " + top + "/" + bottom);
            }
        }
    }

    /** The plan the engine reports on this kernel is the one it runs (see {@link PlannedOperationsTest}). */
    @Property(tries = 100, seed = "20261213")
    public void binaryConvModelsReportWhatTheyRun(@ForAll long seed) {
        PlannedOperationsTest.check(RandomBitConvModels.generate(seed), KERNEL, seed);
    }

    /**
     * The operations and fusions of the engines of a fixed set of random models, with kernel names and widths left
     * out: the same at every width (compared across child JVMs by EveryWidthInChildJvmTest).
     */
    public static String planSignature() {
        StringBuilder sb = new StringBuilder();
        for (long seed = 1; seed <= 30; seed++) {
            for (IntModel m : List.of(RandomBitConvModels.generate(seed), RandomModels.generate(seed))) {
                try (IntEngine e = new IntEngine(m, true, KERNEL)) {
                    for (PlannedOperation op : e.plan()) {
                        sb.append(op.firstLayer()).append('-').append(op.lastLayer()).append(op.operation())
                                .append(op.fusions()).append(op.kernel().startsWith("vector-") ? "V" : op.kernel()).append(';');
                    }
                }
            }
        }
        return Integer.toHexString(sb.toString().hashCode());
    }

    @Test
    public void oneImageOnTwoThreadsIsBitExact() {
        SplitImageMatchesReferenceTest.check(KERNEL, 7);
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
