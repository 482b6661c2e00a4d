package io.dot4j.runtime.format;

import static io.dot4j.runtime.format.FormatTestSupport.body;
import static io.dot4j.runtime.format.FormatTestSupport.bodyLength;
import static io.dot4j.runtime.format.FormatTestSupport.bodyOffset;
import static io.dot4j.runtime.format.FormatTestSupport.concat;
import static io.dot4j.runtime.format.FormatTestSupport.layerOffset;
import static io.dot4j.runtime.format.FormatTestSupport.patch16;
import static io.dot4j.runtime.format.FormatTestSupport.patch8;
import static io.dot4j.runtime.format.FormatTestSupport.splice;
import static io.dot4j.runtime.format.FormatTestSupport.varint;
import static io.dot4j.runtime.format.FormatTestSupport.withBody;
import static io.dot4j.runtime.format.FormatTestSupport.withCrc;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.Flatten;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.ir.Weights;
import io.dot4j.runtime.RandomModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorruptFileTest {

    /** conv(1-bit) -> thresholds -> maxpool -> flatten -> dense(2-bit, bias): layers 0..4. */
    static IntModel model() {
        Random r = new Random(3);
        Conv conv = new Conv(4, 1, 3, 3, 1, 1, 8, RandomModels.randomWeights(r, 1, 4, 9));
        int[] t = new int[4 * 3];
        for (int i = 0; i < t.length; i++) {
            t[i] = -300 + 100 * (i % 3) + 7 * (i / 3);
        }
        ThresholdActivation act = new ThresholdActivation(4, 2, t, new boolean[] {false, true, false, false});
        Dense dense = new Dense(3, 4 * 3 * 3, 2, RandomModels.randomWeights(r, 2, 3, 36), new int[] {5, -6, 7});
        return new IntModel(new Shape(1, 6, 6), List.of(conv, act, new MaxPool(2, 2), new Flatten(), dense), 3);
    }

    static final byte[] FILE = ModelWriter.toBytes(model());

    static ModelFormatException rejected(byte[] bytes) {
        return assertThrows(ModelFormatException.class, () -> ModelReader.read(bytes, "model.dot4j"));
    }

    static void assertRejected(byte[] bytes, String expected) {
        String msg = rejected(bytes).getMessage();
        assertTrue(msg.contains(expected), "expected '" + expected + "' in: " + msg);
    }

    @Test
    void theValidFileReads() throws ModelFormatException {
        assertEquals(model(), ModelReader.read(FILE));
    }

    @Test
    void everyTruncationIsRejected() {
        int smallest = 10 + 5 + 4; // magic + version, five one-byte varints, CRC
        for (int n = 0; n < FILE.length; n++) {
            ModelFormatException e = rejected(Arrays.copyOf(FILE, n));
            assertTrue(e.offset() <= n, "truncated at " + n + ": " + e.getMessage());
            if (n >= smallest) { // past the header, the (misplaced) CRC cannot match, and the message says so
                assertTrue(e.getMessage().contains("CRC-32 does not match either") || e.getMessage().contains("'crc32'"), e.getMessage());
            }
        }
    }

    @Test
    void everySingleBitFlipIsRejected() {
        for (int bit = 0; bit < FILE.length * 8; bit++) {
            byte[] bad = FILE.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            rejected(bad);
        }
    }

    @Test
    void wrongMagicVersionAndCrcAreNamed() {
        byte[] bad = FILE.clone();
        bad[3] = 'X';
        assertTrue(rejected(bad).getMessage().startsWith("model.dot4j: offset 3: 'magic'"));
        assertRejected(patch16(FILE, 8, 5), "offset 8: 'version' = 5, this reader knows versions 2, 3 and 4");
        assertRejected(patch16(FILE, 8, 1), "offset 8: 'version' = 1: format version 1 is no longer read; re-export the model");
        byte[] crc = FILE.clone();
        crc[crc.length - 1] ^= 1;
        assertRejected(crc, "offset " + (FILE.length - 4) + ": 'crc32'");
        byte[] payload = FILE.clone();
        payload[bodyOffset(FILE, 0) + 8] ^= 1; // a weight bit: only the CRC can tell
        assertRejected(payload, "'crc32'");
        assertRejected(new byte[0], "offset 0: 'magic'");
    }

    @Test
    void fieldsOutOfRangeNameTheirOffsetLayerAndField() {
        int conv = bodyOffset(FILE, 0); // outChannels, inChannels (varints), kh, kw, stride, padding, weightBits, inputBits
        assertEquals("model.dot4j: offset " + conv + ": layer 0 (Conv) 'outChannels' = 0, expected 1..65535",
                rejected(patch8(FILE, conv, 0)).getMessage());
        assertRejected(patch8(FILE, conv + 6, 3), "offset " + (conv + 6) + ": layer 0 (Conv) 'weightBits' = 3");
        int dense = bodyOffset(FILE, 4); // outFeatures, inFeatures (varints), weightBits, inputBits, biasWidth
        assertRejected(patch8(FILE, dense + 1, 0), "offset " + (dense + 1) + ": layer 4 (Dense) 'inFeatures' = 0, expected 1..16777216");
        // a count too large for its range, as a 5-byte varint
        byte[] big = withBody(FILE, 4, concat(new byte[] {FILE[dense]}, varint(4294967291L), Arrays.copyOfRange(body(FILE, 4), 2, bodyLength(FILE, 4))));
        assertRejected(big, "offset " + (dense + 1) + ": layer 4 (Dense) 'inFeatures' = 4294967291, expected 1..16777216");
        assertRejected(patch8(FILE, 10, 0), "offset 10: 'inputChannels' = 0, expected 1..65535");
        assertRejected(patch8(FILE, 12, 0), "offset 12: 'inputWidth' = 0, expected 1..65535");
        int act = bodyOffset(FILE, 1); // channels (varint), bits, width, sign bitmap (1 byte for 4 channels), thresholds
        assertEquals(0b0010, FILE[act + 3], "channel 1 is the negative one");
        assertRejected(patch8(FILE, act + 3, 0b10010), "offset " + (act + 3) + ": layer 1 (ThresholdActivation) 'negative' bits past channel 3 are set (byte 0x12), expected 0");
        assertRejected(patch8(FILE, act + 2, 4), "offset " + (act + 3) + ": layer 1 (ThresholdActivation) 'negative' and 'thresholds' need 49 bytes for 4 channels x 3 thresholds x 4 byte(s), but the record has 25");
        assertRejected(patch8(FILE, act + 2, 3), "layer 1 (ThresholdActivation) 'width' = 3, expected 1, 2 or 4");
        assertRejected(patch8(FILE, layerOffset(FILE, 2), 9), "layer 2 'kind' = 9, expected 1..6");
    }

    @Test
    void varintsMustBeShortestAndAtMostFiveBytes() {
        // inputChannels = 1 written as 0x81 0x00: same value, longer encoding
        assertRejected(splice(FILE, 10, 1, new byte[] {(byte) 0x81, 0}),
                "offset 10: 'inputChannels' varint ends in a 0x00 byte: not its shortest encoding");
        assertRejected(splice(FILE, 10, 1, new byte[] {(byte) 0x81, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0}),
                "offset 10: 'inputChannels' varint is longer than 5 bytes");
        // the Conv's body length 13 as 0x8D 0x00
        int rec = layerOffset(FILE, 0);
        assertEquals(13, bodyLength(FILE, 0), "fixture: 2 + 6 field bytes + ceil(4 x 9 / 8) weight bytes");
        assertRejected(splice(FILE, rec + 1, 1, new byte[] {(byte) 0x8D, 0}),
                "offset " + (rec + 1) + ": layer 0 (Conv) 'bodyLength' varint ends in a 0x00 byte");
        // a varint cut off by the CRC: layerCount's first byte says another follows
        byte[] cut = withCrc(new byte[] {'D', 'O', 'T', '4', 'J', 0, '\r', '\n', 3, 0, 1, 1, 1, 1, (byte) 0x81, 0, 0, 0, 0});
        assertRejected(cut, "offset 15: 'layerCount' needs 1 byte(s), but only 0 remain before the CRC");
    }

    @Test
    void nonzeroPaddingAfterTheLastWeightIsRejectedWithItsOffset() {
        // layer 0 stores 4 x 9 = 36 weight bits in 5 bytes: bits 4..7 of the fifth byte are padding
        int last = bodyOffset(FILE, 0) + 8 + 4;
        assertEquals(0, (FILE[last] & 0xFF) >>> 4, "the writer pads with zeros");
        for (int bit = 4; bit < 8; bit++) {
            byte[] bad = patch8(FILE, last, FILE[last] | 1 << bit);
            assertEquals("model.dot4j: offset " + last + ": layer 0 (Conv) 'weights' padding bits 4..7 of the last weight byte are 0x"
                    + Integer.toHexString((FILE[last] | 1 << bit) & 0xFF) + " with bits past the last weight set, expected 0",
                    rejected(bad).getMessage());
        }
        // the data bits of that byte are weights: changing them (CRC repaired) gives another valid model
        for (int bit = 0; bit < 4; bit++) {
            byte[] other = patch8(FILE, last, FILE[last] ^ 1 << bit);
            IntModel m = assertDoesNotThrow(() -> ModelReader.read(other));
            Conv c = (Conv) m.layers().get(0);
            int k = 32 + bit; // stream bit 32 + bit = row 3, column bit
            assertEquals(-((Conv) model().layers().get(0)).weights().get(k / 9, k % 9), c.weights().get(k / 9, k % 9));
        }
        // layer 4 (2-bit, 3 x 36 x 2 = 216 bits = 27 bytes) has no padding: every bit is a weight
        assertEquals(27 + 3 + 5, bodyLength(FILE, 4));
    }

    @Test
    void thresholdsWiderThanNeededAreRejected() {
        // re-encode layer 1's 2-byte thresholds at 4 bytes, with a consistent body length and CRC
        byte[] body = body(FILE, 1);
        int n = 12, signs = 1;
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(body).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        java.nio.ByteBuffer wide = java.nio.ByteBuffer.allocate(3 + signs + 4 * n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        wide.put(body, 0, 2).put((byte) 4).put(body, 3, signs);
        for (int i = 0; i < n; i++) {
            wide.putInt(in.getShort(3 + signs + 2 * i));
        }
        int act = bodyOffset(FILE, 1);
        assertRejected(withBody(FILE, 1, wide.array()), "offset " + (act + 2)
                + ": layer 1 (ThresholdActivation) 'width' = 4, but the narrowest width that holds these thresholds is 2");
    }

    @Test
    void biasWidthsOtherThan0124AreRejected() {
        int widthAt = bodyOffset(FILE, 4) + 4;
        assertEquals(1, FILE[widthAt], "the fixture's biases 5, -6, 7 are stored as i8");
        assertRejected(patch8(FILE, widthAt, 3), "offset " + widthAt + ": layer 4 (Dense) 'biasWidth' = 3, expected 0 (no bias), 1, 2 or 4");
        assertRejected(patch8(FILE, widthAt, 8), "offset " + widthAt + ": layer 4 (Dense) 'biasWidth' = 8, expected 0 (no bias), 1, 2 or 4");
    }

    @Test
    void biasesWiderThanNeededAreRejected() {
        // re-encode layer 4's 1-byte biases at 2 and at 4 bytes, with a consistent body length and CRC
        byte[] body = body(FILE, 4);
        int biasAt = body.length - 3, widthAt = bodyOffset(FILE, 4) + 4;
        for (int width : new int[] {2, 4}) {
            java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(biasAt + 3 * width).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            out.put(body, 0, biasAt);
            out.put(4, (byte) width);
            for (int o = 0; o < 3; o++) {
                if (width == 2) {
                    out.putShort(body[biasAt + o]);
                } else {
                    out.putInt(body[biasAt + o]);
                }
            }
            assertRejected(withBody(FILE, 4, out.array()), "offset " + widthAt + ": layer 4 (Dense) 'biasWidth' = " + width
                    + ", but the narrowest width that holds these biases is 1");
        }
        // a width that does not fit the record's length is caught by the payload size
        assertRejected(patch8(FILE, widthAt, 4), "layer 4 (Dense) 'weights' need");
        assertRejected(patch8(FILE, widthAt, 0), "layer 4 (Dense) 'weights' need");
    }

    @Test
    void hugeCountsAreRejectedBeforeAllocating() {
        // 65535 x 65535 channels with a 255 x 255 kernel would be 3.5 * 10^13 weights
        byte[] conv = body(FILE, 0);
        byte[] hugeConv = concat(varint(65535), varint(65535), new byte[] {(byte) 255, (byte) 255}, Arrays.copyOfRange(conv, 4, conv.length));
        long cols = 255L * 255 * 65535, bytes = (65535 * cols + 7) / 8; // 1-bit weights
        assertRejected(withBody(FILE, 0, hugeConv), "layer 0 (Conv) 'weights' need " + bytes + " bytes for 65535 x " + cols);
        int countAt = 14;
        assertEquals(5, FILE[countAt], "layerCount");
        assertRejected(splice(FILE, countAt, 1, varint(Integer.MAX_VALUE)), "offset 14: 'layerCount' = 2147483647, expected 1..4096");
        assertRejected(splice(FILE, countAt, 1, varint(4096)), "offset 14: 'layerCount' = 4096, but the file has room for at most");
        byte[] act = body(FILE, 1);
        assertRejected(withBody(FILE, 1, concat(varint(Integer.MAX_VALUE), Arrays.copyOfRange(act, 1, act.length))),
                "layer 1 (ThresholdActivation) 'channels' = 2147483647");
        assertRejected(withBody(FILE, 1, concat(varint(1 << 24), Arrays.copyOfRange(act, 1, act.length))), "'thresholds' need");
        int actRec = layerOffset(FILE, 1);
        assertRejected(splice(FILE, actRec + 1, 1, varint(Integer.MAX_VALUE)), "offset " + (actRec + 1)
                + ": layer 1 (ThresholdActivation) 'bodyLength' = 2147483647");
        assertRejected(splice(FILE, actRec + 1, 1, varint(1 << 20)), "offset " + (actRec + 1)
                + ": layer 1 (ThresholdActivation) 'bodyLength' = 1048576, but only");
        byte[] dense = body(FILE, 4);
        assertRejected(withBody(FILE, 4, concat(varint(1 << 24), Arrays.copyOfRange(dense, 1, dense.length))), "layer 4 (Dense) 'bias' needs");
        // input of 65535^3 pixels: far too many elements
        byte[] bigInput = splice(FILE, 10, 3, concat(varint(65535), varint(65535), varint(65535)));
        assertRejected(bigInput, "offset 10: 'input'");
    }

    @Test
    void unpackedWeightsBeyondTheMemoryBudgetAreRejectedBeforeAllocating() throws ModelFormatException {
        // a 1 x 1 Dense column per row stores 1 bit but unpacks to a 64-bit word: 3 rows x 2 planes here
        IntModel m = new IntModel(new Shape(1, 1, 1), List.of(new Dense(3, 1, 8, Weights.fromInts(2, 3, 1, new int[] {1, -3, 3}))), 3);
        byte[] file = ModelWriter.toBytes(m);
        assertEquals(m, ModelReader.read(file, "model.dot4j", 3 * 2 * 8));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelReader.read(file, "model.dot4j", 3 * 2 * 8 - 1));
        assertEquals("model.dot4j: offset " + (bodyOffset(file, 0) + 5) + ": layer 0 (Dense) 'weights' of 3 x 1 (inFeatures) 2-bit"
                + " weights unpack to 48 bytes of 64-bit words; with the layers before, more than the 47 a model may take", e.getMessage());
    }

    @Test
    void modelRulesAreReportedAtTheLayer() {
        int dense = layerOffset(FILE, 4);
        // classes = 4 but the dense layer has 3 outputs
        ModelFormatException e = rejected(patch8(FILE, 13, 4));
        assertTrue(e.getMessage().contains("offset " + dense + ": layer 4 (Dense) 'outFeatures'"), e.getMessage());
        // conv claims 4-bit inputs, but pixels are 8-bit
        int conv = layerOffset(FILE, 0);
        assertRejected(patch8(FILE, bodyOffset(FILE, 0) + 7, 4), "offset " + conv + ": layer 0 (Conv) 'inputBits'");
        // unsorted thresholds: channel 0's first threshold raised above its second
        int t0 = bodyOffset(FILE, 1) + 3 + 1;
        byte[] bad = patch16(FILE, t0, 1000); // width is 2
        assertRejected(bad, "offset " + (t0 + 2) + ": layer 1 (ThresholdActivation) 'thresholds' of channel 0 are not sorted");
        byte[] extra = Arrays.copyOf(FILE, FILE.length + 3);
        System.arraycopy(FILE, FILE.length - 4, extra, FILE.length - 1, 4);
        assertRejected(withCrc(extra), "3 unexpected byte(s) after the last layer record");
    }

    @Test
    void tooLargeAndMissingFiles(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("none.dot4j");
        assertThrows(java.nio.file.NoSuchFileException.class, () -> ModelReader.read(missing));
        Path junk = dir.resolve("junk.dot4j");
        Files.write(junk, "hello, world".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelReader.read(junk)).getMessage().startsWith("junk.dot4j: offset 0"));
    }
}
