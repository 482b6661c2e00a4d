package io.dot4j.cli.data;

import io.dot4j.core.data.Dataset;
import io.dot4j.core.data.IdxDatasets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dot4j data info NAME}: counts, shape, class balance and pixel mean of the train and test splits. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Describe the train and test splits of a data set: image count, shape (CxHxW), classes,"
                + " images per class and mean pixel value.")
public final class InfoCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "mnist, fashion-mnist, or a folder holding the four IDX files"
            + " (train-images-idx3-ubyte, ..., raw or .gz)")
    String name;

    @Option(names = "--classes", paramLabel = "N", defaultValue = "10",
            description = "Number of classes for a folder of IDX files (default: ${DEFAULT-VALUE}).")
    int classes;

    @Mixin
    CacheOption cache;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DatasetLocation location = DatasetLocation.resolve(name, cache.root(), classes);
        Path dir = location.dir();
        List<String> classNames = location.classNames();
        // load both splits before printing anything, so a bad file gives an error and no half report
        List<Dataset> splits = new ArrayList<>();
        for (String split : IdxDatasets.SPLITS) {
            splits.add(location.load(split));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(name + " (" + dir.toAbsolutePath().normalize() + ")");
        for (int s = 0; s < splits.size(); s++) {
            String split = IdxDatasets.SPLITS.get(s);
            Dataset d = splits.get(s);
            out.printf(Locale.ROOT, "%s: %d images, shape %dx%dx%d (CxHxW), %d classes, pixel mean %.3f%n", split,
                    d.count(), d.channels(), d.height(), d.width(), d.numClasses(), d.pixelMean());
            int[] counts = d.classCounts();
            int width = classNames.stream().mapToInt(String::length).max().orElse(1);
            for (int c = 0; c < counts.length; c++) {
                String label = c + (classNames.get(c).equals(Integer.toString(c)) ? "" : " " + classNames.get(c));
                out.printf(Locale.ROOT, "  class %-" + (width + 3) + "s %7d  %5.2f%%%n", label, counts[c],
                        100.0 * counts[c] / d.count());
            }
        }
        out.flush();
        return 0;
    }
}
