package io.dot4j.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.cli.CliRun;
import io.dot4j.runtime.format.ModelWriter;
import io.dot4j.runtime.image.ImagePixels;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predict on a mix of good and bad images: every good one printed, every bad one named, exit code 2 at the end. */
class PredictCommandTest {
    @TempDir
    Path tmp;

    private Path image(String name, int w, int h, long seed) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Random rnd = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, rnd.nextInt(256));
            }
        }
        Path p = tmp.resolve(name);
        assertTrue(ImageIO.write(img, name.endsWith(".jpg") ? "jpg" : "png", p.toFile()));
        return p;
    }

    private static int reference(IntModel model, Path file) throws Exception {
        BufferedImage img = ImageIO.read(file.toFile());
        var in = model.input();
        return IntModel.argmax(new ReferenceInterpreter(model).scores(
                ImagePixels.toPixels(img, in.channels(), in.height(), in.width())));
    }

    @Test
    void badImagesAreNamedAndTheGoodOnesStillPrinted() throws Exception {
        IntModel model = TinyModels.mnistShaped(7);
        Path file = tmp.resolve("m.dot4j");
        ModelWriter.write(model, file);
        Path good = image("good.png", 28, 28, 1);
        Path wide = image("wide.png", 56, 28, 2);
        Path cutPng = image("cut.png", 28, 28, 3);
        byte[] png = Files.readAllBytes(cutPng);
        Files.write(cutPng, Arrays.copyOf(png, png.length - 4)); // the IEND chunk is missing its last bytes
        Path cutJpg = image("cut.jpg", 64, 64, 4);
        byte[] jpg = Files.readAllBytes(cutJpg);
        Files.write(cutJpg, Arrays.copyOf(jpg, jpg.length / 2));
        Path missing = tmp.resolve("missing.png");

        CliRun r = CliRun.of("predict", file.toString(), cutPng.toString(), good.toString(), missing.toString(),
                cutJpg.toString(), wide.toString());

        assertEquals(2, r.exitCode(), r.out() + r.err());
        List<String> out = r.out().lines().toList();
        assertEquals(2, out.size(), r.out());
        assertEquals(good + ": class " + reference(model, good), out.get(0).substring(0, out.get(0).indexOf(" scores")));
        assertTrue(!out.get(0).contains("stretched"), out.get(0));
        assertTrue(out.get(1).startsWith(wide + ": class " + reference(model, wide) + " scores"), out.get(1));
        assertTrue(out.get(1).endsWith("(stretched from 56x28 to 28x28 pixels: another aspect ratio)"), out.get(1));
        List<String> err = r.err().lines().toList();
        assertEquals(4, err.size(), r.err());
        assertTrue(err.get(0).startsWith("dot4j: " + cutPng + " at byte offset"), err.get(0));
        assertTrue(err.get(0).contains("truncated PNG"), err.get(0));
        assertTrue(err.get(1).startsWith("dot4j: " + missing + ": no such image file"), err.get(1));
        assertTrue(err.get(2).startsWith("dot4j: " + cutJpg + ": is a damaged image"), err.get(2));
        assertEquals("dot4j: 3 of 5 images could not be read (see above)", err.get(3));
    }
}
