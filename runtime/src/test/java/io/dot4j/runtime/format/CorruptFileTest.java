package io.dot4j.runtime.format;

import static io.dot4j.runtime.format.FormatTestSupport.layerOffset;
import static io.dot4j.runtime.format.FormatTestSupport.patch16;
import static io.dot4j.runtime.format.FormatTestSupport.patch32;
import static io.dot4j.runtime.format.FormatTestSupport.patch8;
import static io.dot4j.runtime.format.FormatTestSupport.withCrc;
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
        for (int n = 0; n < FILE.length; n++) {
            ModelFormatException e = rejected(Arrays.copyOf(FILE, n));
            assertTrue(e.offset() <= n, "truncated at " + n + ": " + e.getMessage());
            if (n >= 28) { // past the header, the (misplaced) CRC cannot match, and the message says so
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
        assertRejected(patch16(FILE, 8, 3), "offset 8: 'version' = 3, this reader knows version 2");
        assertRejected(patch16(FILE, 8, 1), "offset 8: 'version' = 1: format version 1 is no longer read; re-export the model");
        byte[] crc = FILE.clone();
        crc[crc.length - 1] ^= 1;
        assertRejected(crc, "offset " + (FILE.length - 4) + ": 'crc32'");
        byte[] payload = FILE.clone();
        payload[layerOffset(FILE, 0) + 5 + 12] ^= 1; // a weight bit: only the CRC can tell
        assertRejected(payload, "'crc32'");
        assertRejected(new byte[0], "offset 0: 'magic'");
    }

    @Test
    void fieldsOutOfRangeNameTheirOffsetLayerAndField() {
        int conv = layerOffset(FILE, 0);
        assertEquals("model.dot4j: offset " + (conv + 5) + ": layer 0 (Conv) 'outChannels' = 0, expected 1..65535",
                rejected(patch16(FILE, conv + 5, 0)).getMessage());
        assertRejected(patch8(FILE, conv + 13, 3), "offset " + (conv + 13) + ": layer 0 (Conv) 'weightBits' = 3");
        int dense = layerOffset(FILE, 4);
        ModelFormatException neg = rejected(patch32(FILE, dense + 9, -5));
        assertTrue(neg.getMessage().contains("offset " + (dense + 9) + ": layer 4 (Dense) 'inFeatures' = 4294967291"), neg.getMessage());
        assertRejected(patch8(FILE, 0 + 10, 1), "offset 10: 'flags'");
        assertRejected(patch16(FILE, 12, 0), "offset 12: 'inputChannels' = 0");
        int act = layerOffset(FILE, 1);
        assertRejected(patch8(FILE, act + 5 + 8 + 1, 2), "layer 1 (ThresholdActivation) 'negative' of channel 1 = 2");
        assertRejected(patch8(FILE, act + 5 + 5, 4), "offset " + (act + 5 + 8) + ": layer 1 (ThresholdActivation) 'negative' and 'thresholds' need 52 bytes for 4 channels x 3 thresholds x 4 byte(s), but the record has 28");
        assertRejected(patch8(FILE, act + 5 + 5, 3), "layer 1 (ThresholdActivation) 'width' = 3, expected 1, 2 or 4");
        assertRejected(patch8(FILE, layerOffset(FILE, 2), 9), "layer 2 'kind' = 9, expected 1..6");
    }

    @Test
    void thresholdsWiderThanNeededAreRejected() {
        // re-encode layer 1's 2-byte thresholds at 4 bytes, with a consistent body length and CRC
        int act = layerOffset(FILE, 1), next = layerOffset(FILE, 2);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(FILE).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int n = 12, signs = 4, body = 8 + signs + 4 * n;
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(FILE.length + 2 * n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put(FILE, 0, act).put((byte) 3).putInt(body).put(FILE, act + 5, 8).put(FILE, act + 13, signs);
        for (int i = 0; i < n; i++) {
            out.putInt(in.getShort(act + 13 + signs + 2 * i));
        }
        out.put(FILE, next, FILE.length - next);
        byte[] wide = patch8(out.array(), act + 10, 4);
        assertRejected(wide, "offset " + (act + 10) + ": layer 1 (ThresholdActivation) 'width' = 4, but the narrowest width that holds these thresholds is 2");
    }

    @Test
    void biasWidthsOtherThan0124AreRejected() {
        int widthAt = layerOffset(FILE, 4) + 5 + 10;
        assertEquals(1, FILE[widthAt], "the fixture's biases 5, -6, 7 are stored as i8");
        assertRejected(patch8(FILE, widthAt, 3), "offset " + widthAt + ": layer 4 (Dense) 'biasWidth' = 3, expected 0 (no bias), 1, 2 or 4");
        assertRejected(patch8(FILE, widthAt, 8), "offset " + widthAt + ": layer 4 (Dense) 'biasWidth' = 8, expected 0 (no bias), 1, 2 or 4");
    }

    @Test
    void biasesWiderThanNeededAreRejected() {
        // re-encode layer 4's 1-byte biases at 2 and at 4 bytes, with a consistent body length and CRC
        int dense = layerOffset(FILE, 4), biasAt = FILE.length - 4 - 3, widthAt = dense + 5 + 10;
        for (int width : new int[] {2, 4}) {
            java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(FILE.length + 3 * (width - 1)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            out.put(FILE, 0, biasAt);
            for (int o = 0; o < 3; o++) {
                if (width == 2) {
                    out.putShort(FILE[biasAt + o]);
                } else {
                    out.putInt(FILE[biasAt + o]);
                }
            }
            byte[] wide = out.array();
            wide = patch32(wide, dense + 1, java.nio.ByteBuffer.wrap(FILE).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(dense + 1) + 3 * (width - 1));
            wide = patch8(wide, widthAt, width);
            assertRejected(wide, "offset " + widthAt + ": layer 4 (Dense) 'biasWidth' = " + width
                    + ", but the narrowest width that holds these biases is 1");
        }
        // a width that does not fit the record's length is caught by the payload size
        assertRejected(patch8(FILE, widthAt, 4), "layer 4 (Dense) 'weights' need");
        assertRejected(patch8(FILE, widthAt, 0), "layer 4 (Dense) 'weights' need");
    }

    @Test
    void hugeCountsAreRejectedBeforeAllocating() {
        int conv = layerOffset(FILE, 0);
        // 65535 x 65535 channels with a 255 x 255 kernel would be 3.5 * 10^13 weights
        byte[] huge = patch16(FILE, conv + 5, 65535);
        huge = patch16(huge, conv + 7, 65535);
        huge = patch8(huge, conv + 9, 255);
        huge = patch8(huge, conv + 10, 255);
        assertRejected(huge, "'weights' need");
        assertRejected(patch32(FILE, 20, Integer.MAX_VALUE), "'layerCount' = 2147483647");
        int act = layerOffset(FILE, 1);
        assertRejected(patch32(FILE, act + 5, Integer.MAX_VALUE), "layer 1 (ThresholdActivation) 'channels' = 2147483647");
        assertRejected(patch32(FILE, act + 5, 1 << 24), "'thresholds' need");
        assertRejected(patch32(FILE, act + 1, Integer.MAX_VALUE), "layer 1 (ThresholdActivation) 'bodyLength' = 2147483647");
        int dense = layerOffset(FILE, 4);
        assertRejected(patch32(FILE, dense + 5, 1 << 24), "layer 4 (Dense) 'bias' needs");
        // input of 65535^3 pixels: far too many elements
        byte[] big = patch16(patch16(patch16(FILE, 12, 65535), 14, 65535), 16, 65535);
        assertRejected(big, "offset 12: 'input'");
    }

    @Test
    void modelRulesAreReportedAtTheLayer() {
        int dense = layerOffset(FILE, 4);
        // classes = 4 but the dense layer has 3 outputs
        ModelFormatException e = rejected(patch16(FILE, 18, 4));
        assertTrue(e.getMessage().contains("offset " + dense + ": layer 4 (Dense) 'outFeatures'"), e.getMessage());
        // conv claims 4-bit inputs, but pixels are 8-bit
        int conv = layerOffset(FILE, 0);
        assertRejected(patch8(FILE, conv + 14, 4), "offset " + conv + ": layer 0 (Conv) 'inputBits'");
        // unsorted thresholds: channel 0's first threshold raised above its second
        int act = layerOffset(FILE, 1);
        int t0 = act + 5 + 8 + 4;
        byte[] bad = FILE.clone();
        bad[t0] = bad[t0 + 2]; // width is 2: copy t[1]'s low byte... then make it larger
        bad = patch16(bad, t0, 1000);
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
