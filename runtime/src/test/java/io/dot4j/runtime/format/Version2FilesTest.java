package io.dot4j.runtime.format;

import static io.dot4j.runtime.format.FormatTestSupport.patch8;
import static io.dot4j.runtime.format.FormatTestSupport.v2LayerOffset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.ir.IntModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files of format version 2 (written before version 3) still read, with all their checks. */
class Version2FilesTest {

    static final byte[] FILE = V2Files.toBytes(CorruptFileTest.model());

    static String rejected(byte[] bytes) {
        return assertThrows(ModelFormatException.class, () -> ModelReader.read(bytes, "old.dot4j")).getMessage();
    }

    @Property(tries = 200, seed = "2")
    void version2FilesReadToTheSameModelAndVersion3IsNeverLarger(@ForAll long seed) throws ModelFormatException {
        IntModel model = RandomModels.generate(seed);
        byte[] v2 = V2Files.toBytes(model);
        assertEquals(model, ModelReader.read(v2));
        assertEquals(v2.length, ModelSize.of(model, 2).total());
        assertTrue(ModelWriter.toBytes(model).length <= v2.length, "version 3 stores the same model in no more bytes");
    }

    @Test
    void everyTruncationAndBitFlipIsRejected() {
        for (int n = 0; n < FILE.length; n++) {
            byte[] cut = Arrays.copyOf(FILE, n);
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelReader.read(cut));
            assertTrue(e.offset() <= n, "truncated at " + n + ": " + e.getMessage());
        }
        for (int bit = 0; bit < FILE.length * 8; bit++) {
            byte[] bad = FILE.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(ModelFormatException.class, () -> ModelReader.read(bad));
        }
    }

    @Test
    void version2FieldsKeepTheirChecks() {
        assertTrue(rejected(patch8(FILE, 10, 1)).startsWith("old.dot4j: offset 10: 'flags' = 1, expected 0 (reserved)"));
        int conv = v2LayerOffset(FILE, 0);
        assertTrue(rejected(patch8(FILE, conv + 5 + 10, 1)).contains("offset " + (conv + 15) + ": layer 0 (Conv) 'reserved' = 1"));
        // 1-bit conv rows of 9 columns are one u64 word each; bit 9 of row 0 is padding
        String pad = rejected(patch8(FILE, conv + 5 + 12 + 1, FILE[conv + 18] | 0b10));
        assertTrue(pad.contains("offset " + (conv + 17) + ": layer 0 (Conv) 'weights': row 0 has nonzero padding bits past column 9"), pad);
        int dense = v2LayerOffset(FILE, 4);
        assertTrue(rejected(patch8(FILE, 20, 0)).contains("offset 20: 'layerCount' = 0, expected 1.."));
        assertTrue(rejected(FormatTestSupport.patch32(FILE, dense + 5, 1 << 24)).contains("layer 4 (Dense) 'bias' needs"));
    }

    @Test
    void theFormatVersionIsReadFromTheHeader(@TempDir Path dir) throws IOException {
        Path old = dir.resolve("old.dot4j"), current = dir.resolve("new.dot4j");
        Files.write(old, FILE);
        ModelWriter.write(CorruptFileTest.model(), current);
        assertEquals(2, ModelReader.formatVersion(old));
        assertEquals(4, ModelReader.formatVersion(current));
        assertEquals(ModelReader.read(old), ModelReader.read(current));
        Files.write(old, Arrays.copyOf(FILE, 9));
        assertThrows(ModelFormatException.class, () -> ModelReader.formatVersion(old));
    }
}
