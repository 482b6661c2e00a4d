package io.dot4j.cli.deploy;

import io.dot4j.cli.Errors;
import io.dot4j.core.data.DataFormatException;
import io.dot4j.core.data.ImageFiles;
import io.dot4j.runtime.Dot4jModel;
import io.dot4j.runtime.Prediction;
import io.dot4j.runtime.ir.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dot4j predict MODEL.dot4j IMAGE...}: the class and integer scores of each image. Images of any size and
 * colour model are converted by the runtime's documented policy (grey by luminance, area-averaged resize). Each image
 * is opened with {@link ImageFiles}' checks (a truncated PNG or JPEG, a corrupt file, a header declaring too many
 * pixels): a bad one is one line on stderr naming it, the others are still classified, and the exit code is
 * {@value Errors#USER_ERROR} when any image failed.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Classify image files (PNG, JPEG, ...) with a .dot4j model; any size, converted by the"
                + " runtime's resize and colour policy (see docs/MODEL_FORMAT.md).",
                "Prints one line per image; an image of another aspect ratio than the model's input is stretched, and the"
                        + " line says so. A missing, truncated or corrupt image is one line on stderr naming it; the other"
                        + " images are still classified and the exit code is 2 at the end."})
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
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        try (Dot4jModel model = Dot4jModel.load(modelFile)) {
            Shape in = model.inputShape();
            for (Path file : images) {
                BufferedImage image;
                try {
                    image = ImageFiles.decode(file);
                } catch (DataFormatException | IOException e) {
                    err.println("dot4j: " + Errors.describe(e));
                    err.flush();
                    failed++;
                    continue;
                }
                Prediction p = model.predict(image);
                out.println(file + ": class " + p.label() + " scores " + Arrays.toString(p.scores())
                        + stretched(image, in));
                out.flush();
            }
        }
        if (failed > 0) {
            err.println("dot4j: " + failed + " of " + images.size() + " images could not be read (see above)");
            err.flush();
            return Errors.USER_ERROR;
        }
        return 0;
    }

    /** A note when the resize changes the aspect ratio (w/h compared exactly, in long). */
    static String stretched(BufferedImage image, Shape in) {
        long w = image.getWidth();
        long h = image.getHeight();
        if (w * in.height() == h * in.width()) {
            return "";
        }
        return " (stretched from " + w + "x" + h + " to " + in.width() + "x" + in.height()
                + " pixels: another aspect ratio)";
    }
}
