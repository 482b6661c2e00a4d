package io.dot4j.runtime.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.Flatten;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.ThresholdActivation;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The file of a small model is exactly as long as the "File size" formula of docs/MODEL_FORMAT.md says. */
class FileSizeTest {

    /** 1 bit per weight, 2-bit activations: conv 3x3 (16) - act - pool - conv 3x3 (32) - act - pool - dense 10. */
    static IntModel tinyMnist() {
        Random r = new Random(24);
        Conv c1 = new Conv(16, 1, 3, 3, 1, 1, 8, RandomModels.randomWeights(r, 1, 16, 9));
        Conv c2 = new Conv(32, 16, 3, 3, 1, 1, 2, RandomModels.randomWeights(r, 1, 32, 144));
        Dense d = new Dense(10, 1568, 2, RandomModels.randomWeights(r, 1, 10, 1568), new int[] {-3, 5, 100, -128, 127, 0, 1, 2, 3, 4});
        return new IntModel(new Shape(1, 28, 28), List.of(c1, thresholds(16, 1000), new MaxPool(2, 2), c2,
                thresholds(32, 100), new MaxPool(2, 2), new Flatten(), d), 10);
    }

    /** 2-bit thresholds (3 per channel) in -span..span: width 2 for span 1000, width 1 for span 100. */
    static ThresholdActivation thresholds(int channels, int span) {
        int[] t = new int[channels * 3];
        for (int c = 0; c < channels; c++) {
            t[3 * c] = -span;
            t[3 * c + 1] = c;
            t[3 * c + 2] = span;
        }
        return new ThresholdActivation(channels, 2, t, new boolean[channels]);
    }

    static long v(long value) {
        return FormatTestSupport.varint(value).length;
    }

    /** kind byte + varint body length + body. */
    static long record(long body) {
        return 1 + v(body) + body;
    }

    @Test
    void theTinyModelsFileIsExactlyTheDocumentedFormula() {
        // header: magic 8, version 2, varints inputChannels, inputHeight, inputWidth, numClasses, layerCount
        long header = 8 + 2 + v(1) + v(28) + v(28) + v(10) + v(8);
        // Conv: varints outC, inC; six u8 fields; ceil(rows·bits·cols/8) weight bytes
        long conv1 = record(v(16) + v(1) + 6 + (16L * 1 * 9 + 7) / 8);
        long conv2 = record(v(32) + v(16) + 6 + (32L * 1 * 144 + 7) / 8);
        // ThresholdActivation: varint channels; bits, width; one sign bit per channel; channels·(2^k−1)·width
        long act1 = record(v(16) + 2 + 2 + 16L * 3 * 2);
        long act2 = record(v(32) + 2 + 4 + 32L * 3 * 1);
        long pool = record(2);
        long flatten = record(0);
        // Dense: varints out, in; weightBits, inputBits, biasWidth; weights; biasWidth·out
        long dense = record(v(10) + v(1568) + 3 + (10L * 1 * 1568 + 7) / 8 + 10L * 1);
        long expected = header + conv1 + act1 + pool + conv2 + act2 + pool + flatten + dense + 4;

        IntModel m = tinyMnist();
        byte[] file = ModelWriter.toBytes(m);
        assertEquals(expected, file.length);
        assertEquals(expected, ModelSize.of(m).total());
        assertEquals(header, ModelSize.of(m).headerBytes());
        // format version 3: one sign byte per channel
        long v3 = expected - act1 - act2 + record(v(16) + 2 + 16 + 16L * 3 * 2) + record(v(32) + 2 + 32 + 32L * 3 * 1);
        assertEquals(v3, ModelWriter.toBytes(m, 3).length);
        assertEquals(v3, ModelSize.of(m, 3).total());
        // the same model in format version 2 (rows padded to 64-bit words, fixed-width fields) for comparison
        long v2 = 24 + (5 + 12 + 16L * 8) + (5 + 8 + 16 + 16L * 3 * 2) + (5 + 2) + (5 + 12 + 32L * 3 * 8)
                + (5 + 8 + 32 + 32L * 3) + (5 + 2) + 5 + (5 + 12 + 10L * 25 * 8 + 10) + 4;
        assertEquals(v2, V2Files.toBytes(m).length);
        assertEquals(v2, ModelSize.of(m, 2).total());
    }
}
