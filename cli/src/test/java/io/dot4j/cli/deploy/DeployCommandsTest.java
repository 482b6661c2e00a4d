package io.dot4j.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.cli.CliRun;
import io.dot4j.core.data.DataCache;
import io.dot4j.core.data.Dataset;
import io.dot4j.runtime.format.ModelWriter;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** inspect, eval and predict on a generated model, checked against the plain reference interpreter. */
class DeployCommandsTest {

    @TempDir
    Path tmp;

    private Path writeModel(IntModel model) throws Exception {
        Path file = tmp.resolve("tiny.dot4j");
        ModelWriter.write(model, file);
        return file;
    }

    @Test
    void inspectTotalEqualsTheFileSize() throws Exception {
        Path file = writeModel(TinyModels.mnistShaped(1));
        CliRun r = CliRun.of("inspect", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        Matcher m = Pattern.compile("total: ([0-9,]+) bytes").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(Files.size(file), Long.parseLong(m.group(1).replace(",", "")));
        assertTrue(r.out().contains("peak activation memory"), r.out());
        assertTrue(r.out().contains("Conv"), r.out());
    }

    @Test
    void inspectShowsTheMemoryOfEachBackEndFromTheAnalysis() throws Exception {
        IntModel model = TinyModels.mnistShaped(1);
        Path file = writeModel(model);
        CliRun r = CliRun.of("inspect", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        io.dot4j.runtime.analysis.ModelAnalysis a = io.dot4j.runtime.analysis.ModelAnalysis.of(model);
        long engine;
        try (io.dot4j.runtime.kernels.IntEngine e = new io.dot4j.runtime.kernels.IntEngine(model)) {
            engine = e.workspaceBytesPerThread();
            assertTrue(r.out().contains("Java engine (" + e.bitKernel() + ")"), r.out());
        }
        assertEquals(engine, bytesOn(r.out(), "Java engine ("));
        assertEquals(a.buffers().enginePerThreadBytes(), bytesOn(r.out(), "of which the tensors themselves"));
        assertTrue(engine >= a.buffers().enginePerThreadBytes(), r.out());
        assertEquals(model.peakActivationBytes(), bytesOn(r.out(), "packed device, whole tensors: peak activation memory"));
        assertEquals(a.streaming().peakBytes(), bytesOn(r.out(), "packed device, streaming rows"));
        // three different plans for one model: streaming holds a few rows, the engine every tensor as ints
        assertTrue(a.streaming().peakBytes() < model.peakActivationBytes(), r.out());
        assertTrue(model.peakActivationBytes() < a.buffers().enginePerThreadBytes(), r.out());
        assertTrue(r.out().contains("out.packed") && r.out().contains("out.engine") && r.out().contains("stream"), r.out());
    }

    /** The byte count on the output line that starts with {@code label} (after indentation). */
    private static long bytesOn(String out, String label) {
        Matcher m = Pattern.compile("(?m)^\\s+" + Pattern.quote(label) + ".*?([0-9,]+) bytes$").matcher(out);
        assertTrue(m.find(), "no line <" + label + "> in\n" + out);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @Test
    void inspectAccountsForAVersion2FileInItsOwnLayout() throws Exception {
        // format version 2, written by hand: input 1x1x1, one Dense 1 -> 2 with 1-bit weights (+1, -1), no bias
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24 + 5 + 12 + 2 * 8 + 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'D', 'O', 'T', '4', 'J', 0, '\r', '\n'}).putShort((short) 2).putShort((short) 0);
        b.putShort((short) 1).putShort((short) 1).putShort((short) 1).putShort((short) 2).putInt(1);
        b.put((byte) 2).putInt(12 + 2 * 8); // Dense record, body length
        b.putInt(2).putInt(1).put((byte) 1).put((byte) 8).put((byte) 0).put((byte) 0);
        b.putLong(1L).putLong(0L); // row 0: column 0 = +1; row 1: column 0 = -1; each row one u64 word
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        Path file = Files.write(tmp.resolve("old.dot4j"), b.array());

        CliRun r = CliRun.of("inspect", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("total: 61 bytes in the file (format v2: weights 16, thresholds 0, structure 45)"), r.out());
        IntModel model = io.dot4j.runtime.format.ModelReader.read(file);
        io.dot4j.runtime.ir.Weights w = ((io.dot4j.runtime.ir.Dense) model.layers().get(0)).weights();
        assertEquals(1, w.get(0, 0));
        assertEquals(-1, w.get(1, 0));
        int v3 = ModelWriter.toBytes(model).length;
        assertTrue(v3 < 61, "v3 is smaller: " + v3);
        assertTrue(r.out().contains(String.format(Locale.ROOT, "re-exported as the current format it would be %d bytes (weights 1,", v3)), r.out());
    }

    @Test
    void evalOnRealMnistMatchesTheReferenceInterpreter() throws Exception {
        IntModel model = TinyModels.mnistShaped(2);
        Path file = writeModel(model);
        CliRun r = CliRun.of("eval", file.toString(), "--data", "mnist");
        assertEquals(0, r.exitCode(), r.err());

        Dataset test = DataCache.load("mnist", "test");
        ReferenceInterpreter ref = new ReferenceInterpreter(model);
        int correct = 0;
        for (int i = 0; i < test.count(); i++) {
            if (IntModel.argmax(ref.scores(test.image(i))) == test.label(i)) {
                correct++;
            }
        }
        String expected = String.format(Locale.ROOT, "accuracy: %.2f %% (%d of %d)", 100.0 * correct / test.count(),
                correct, test.count());
        assertTrue(r.out().contains(expected), "expected <" + expected + "> in\n" + r.out());
        assertTrue(r.out().contains("model file: " + String.format(Locale.ROOT, "%,d", Files.size(file)) + " bytes"), r.out());
        assertTrue(r.out().contains("images/s on 1 thread"), r.out());
    }

    @Test
    void predictGivesTheReferenceClassForAnImageFile() throws Exception {
        IntModel model = TinyModels.mnistShaped(3);
        Path file = writeModel(model);
        Dataset test = DataCache.load("mnist", "test");
        byte[] pixels = test.image(0);
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                img.getRaster().setSample(x, y, 0, pixels[y * 28 + x] & 0xFF);
            }
        }
        Path png = tmp.resolve("digit.png");
        ImageIO.write(img, "png", png.toFile());

        CliRun r = CliRun.of("predict", file.toString(), png.toString());
        assertEquals(0, r.exitCode(), r.err());
        int expected = IntModel.argmax(new ReferenceInterpreter(model).scores(pixels));
        assertTrue(r.out().contains("digit.png: class " + expected + " scores"), r.out());
    }

    @Test
    void corruptModelIsOneLineErrorNamingTheOffset() throws Exception {
        Path file = writeModel(TinyModels.mnistShaped(4));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        CliRun r = CliRun.of("inspect", file.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("dot4j: "), r.err());
        assertTrue(r.err().contains("offset"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void evalRefusesAFileThatIsNotAModel() throws Exception {
        Path notModel = Files.writeString(tmp.resolve("notes.txt"), "hello");
        CliRun r = CliRun.of("eval", notModel.toString(), "--data", "mnist");
        assertEquals(2, r.exitCode());
        // neither a .dot4j model nor a checkpoint: the checkpoint reader names the file and what it expected
        assertTrue(r.err().contains("notes.txt") && r.err().contains("checkpoint"), r.err());
    }

    @Test
    void predictRefusesAnUnreadableImage() throws Exception {
        Path file = writeModel(TinyModels.mnistShaped(5));
        Path bad = Files.writeString(tmp.resolve("bad.png"), "not a png");
        CliRun r = CliRun.of("predict", file.toString(), bad.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("bad.png"), r.err());
    }
}
