package io.dot4j.cli.deploy;

import io.dot4j.cli.UserError;
import io.dot4j.runtime.Dot4jModel;
import io.dot4j.runtime.Prediction;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dot4j predict MODEL.dot4j IMAGE...}: the class and integer scores of each image. Images of any size and
 * colour model are converted by the runtime's documented policy (grey by luminance, area-averaged resize).
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify image files (PNG, JPEG, ...) with a .dot4j model; any size, converted by the"
                + " runtime's resize and colour policy (see docs/MODEL_FORMAT.md).")
public final class PredictCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "a .dot4j file")
    Path modelFile;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "image files")
    List<Path> images;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Dot4jModel model = Dot4jModel.load(modelFile)) {
            // read every image first, so a bad file stops the command before any output
            BufferedImage[] decoded = new BufferedImage[images.size()];
            for (int i = 0; i < decoded.length; i++) {
                decoded[i] = read(images.get(i));
            }
            for (int i = 0; i < decoded.length; i++) {
                Prediction p = model.predict(decoded[i]);
                out.println(images.get(i) + ": class " + p.label() + " scores " + Arrays.toString(p.scores()));
            }
        }
        out.flush();
        return 0;
    }

    private static BufferedImage read(Path file) throws java.io.IOException {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such file");
        }
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new UserError(file + ": not an image that ImageIO can read (PNG, JPEG, GIF, BMP)");
        }
        return img;
    }
}
