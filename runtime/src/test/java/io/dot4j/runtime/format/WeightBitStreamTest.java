package io.dot4j.runtime.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.Flatten;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.ir.Weights;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Version 3 weights: every plane exactly cols bits of one little-endian bit stream, zero-padded at the end only. */
class WeightBitStreamTest {

    @Provide
    Arbitrary<Integer> cols() {
        return Arbitraries.oneOf(Arbitraries.of(1, 9, 63, 64, 65, 127, 128, 129, 144, 1568), Arbitraries.integers().between(1, 2100));
    }

    @Provide
    Arbitrary<Integer> bits() {
        return Arbitraries.of(1, 2, 8);
    }

    /**
     * One weight layer of {@code rows x cols} at {@code bits}: a Dense on a (cols,1,1) image, or a Conv (3x3 when
     * cols is a multiple of 9, else 1x1) followed by thresholds, flatten and a small 8-bit Dense.
     */
    static IntModel oneLayer(int rows, int cols, int bits, boolean conv, long seed) {
        Random r = new Random(seed);
        Weights w = RandomModels.randomWeights(r, bits, rows, cols);
        if (!conv) {
            return new IntModel(new Shape(cols, 1, 1), List.of(new Dense(rows, cols, 8, w, new int[] {})), rows);
        }
        int k = cols % 9 == 0 ? 3 : 1, inC = cols / (k * k);
        Conv c = new Conv(rows, inC, k, k, 1, 0, 8, w);
        ThresholdActivation t = new ThresholdActivation(rows, 1, new int[rows], new boolean[rows]);
        Dense d = new Dense(2, rows, 1, RandomModels.randomWeights(r, 8, 2, rows), new int[] {});
        return new IntModel(new Shape(inC, k, k), List.of(c, t, new Flatten(), d), 2);
    }

    static Weights weightsOf(Layer l) {
        return l instanceof Conv c ? c.weights() : ((Dense) l).weights();
    }

    /** Offset of the weight payload of layer 0: after its varint counts and u8 fields (read from the file). */
    static int weightsAt(byte[] file, Layer l) {
        int at = FormatTestSupport.bodyOffset(file, 0);
        for (int k = 0; k < 2; k++) {
            at += (int) FormatTestSupport.readVarint(file, at)[1];
        }
        return at + (l instanceof Conv ? 6 : 3);
    }

    /** Stream bit of weight [r][j], plane p, decoded here from the documented mapping (not by the reader). */
    static boolean expectedBit(Weights w, int r, int p, int j) {
        int v = w.get(r, j);
        if (w.bits() == 1) {
            return v > 0;
        }
        int code = (v + 3) / 2; // -3 -> 00, -1 -> 01, +1 -> 10, +3 -> 11 (h bit, l bit)
        return p == 0 ? (code & 2) != 0 : (code & 1) != 0;
    }

    @Property(tries = 250, seed = "20261129")
    void weightsOfAnyShapeRoundTripBitExactly(@ForAll @IntRange(min = 1, max = 40) int rows, @ForAll("cols") int cols,
            @ForAll("bits") int bits, @ForAll boolean conv, @ForAll long seed) throws ModelFormatException {
        IntModel model = oneLayer(rows, cols, bits, conv, seed);
        byte[] file = ModelWriter.toBytes(model);
        IntModel back = ModelReader.read(file);
        assertEquals(model, back);
        assertArrayEquals(file, ModelWriter.toBytes(back));
        assertEquals(file.length, ModelSize.of(model).total());

        Layer layer = model.layers().get(0);
        Weights w = weightsOf(layer);
        int at = weightsAt(file, layer);
        long payload = bits == 8 ? (long) rows * cols : ((long) rows * bits * cols + 7) / 8;
        assertEquals(payload, w.storageBytes());
        assertEquals(at - FormatTestSupport.bodyOffset(file, 0) + payload, FormatTestSupport.bodyLength(file, 0),
                "the body is its fields and the weights, nothing else");
        if (bits == 8) {
            for (int i = 0; i < rows * cols; i++) {
                assertEquals(w.get(i / cols, i % cols), file[at + i]);
            }
            return;
        }
        long k = 0;
        for (int r = 0; r < rows; r++) {
            for (int p = 0; p < bits; p++) {
                for (int j = 0; j < cols; j++, k++) {
                    boolean stored = (file[at + (int) (k >>> 3)] >>> (k & 7) & 1) != 0;
                    assertEquals(expectedBit(w, r, p, j), stored, "row " + r + " plane " + p + " column " + j);
                }
            }
        }
        // the end padding is zero, and setting any padding bit is rejected at the last weight byte
        int last = at + (int) payload - 1;
        for (long pad = k; pad < payload * 8; pad++) {
            assertEquals(0, file[at + (int) (pad >>> 3)] >>> (pad & 7) & 1, "padding bit " + pad);
            byte[] bad = FormatTestSupport.patch8(file, last, file[last] | 1 << (pad & 7));
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelReader.read(bad));
            assertTrue(e.getMessage().startsWith("<bytes>: offset " + last + ": layer 0 (" + layer.kind() + ") 'weights' padding bits "
                    + (k & 7) + "..7"), e.getMessage());
        }
    }

    @Test
    void handWorkedStreams() {
        // 1 bit, 2 rows x 3: row 0 = +1 -1 +1 (bits 1,0,1), row 1 = -1 +1 +1 (bits 0,1,1): stream 1,0,1,0,1,1
        Weights one = Weights.fromInts(1, 2, 3, new int[] {1, -1, 1, -1, 1, 1});
        assertArrayEquals(new byte[] {0b110101}, WeightBitStream.pack(one));
        // 2 bits, 1 row x 3: -3 +1 +3 -> h plane 0,1,1 then l plane 0,0,1: stream 0,1,1,0,0,1
        Weights two = Weights.fromInts(2, 1, 3, new int[] {-3, 1, 3});
        assertArrayEquals(new byte[] {0b100110}, WeightBitStream.pack(two));
        // 1 bit, 1 row x 9, all +1: nine ones, the ninth in the second byte, seven zero padding bits
        Weights nine = Weights.fromInts(1, 1, 9, new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1});
        assertArrayEquals(new byte[] {(byte) 0xFF, 0x01}, WeightBitStream.pack(nine));
        assertArrayEquals(nine.packedCopy(), WeightBitStream.unpack(new byte[] {7, (byte) 0xFF, 0x01, 7}, 1, 1, 9));
    }

    @Test
    void rowsThatStraddleWordsAndBytesUnpackToTheWeightsLayout() {
        // 3 planes of 65 columns: plane starts at stream bits 0, 65, 130 (not byte-aligned), each 2 words in memory
        Random r = new Random(65);
        Weights w = RandomModels.randomWeights(r, 1, 3, 65);
        byte[] stream = WeightBitStream.pack(w);
        assertEquals((3 * 65 + 7) / 8, stream.length);
        assertArrayEquals(w.packedCopy(), WeightBitStream.unpack(stream, 0, 3, 65));
    }
}
