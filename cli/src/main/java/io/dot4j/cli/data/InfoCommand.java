package io.dot4j.cli.data;

import io.dot4j.core.data.DataSource;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.data.SeededSplit;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dot4j data info DATA}: what the reference resolves to, then counts, shape and class balance of each split. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Describe a data set as train and eval use it: what DATA is, then for the train and test splits"
                + " the image count, shape (CxHxW), classes, images per class and mean pixel value.",
                "DATA: " + DataHelp.REFERENCE})
public final class InfoCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DATA", description = "a named data set or a path (see above)")
    String name;

    @Option(names = "--classes", paramLabel = "N", defaultValue = "0",
            description = "Number of classes of IDX or CSV labels (default: the largest label + 1).")
    int classes;

    @Mixin
    CacheOption cache;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DataSource source = DataSource.resolve(name, null, cache.root()).expecting(classes, null);
        // load both splits before printing anything, so a bad file gives an error and no half report
        SeededSplit.Splits splits = source.splits();
        PrintWriter out = spec.commandLine().getOut();
        out.println(source.describe());
        print(out, "train", splits.train());
        print(out, "test", splits.test());
        if (!source.hasTestSplit()) {
            out.printf(Locale.ROOT, "eval and verify: all %d images%n", splits.train().count() + splits.test().count());
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, String split, Dataset d) {
        List<String> classNames = d.classNames();
        out.printf(Locale.ROOT, "%s: %d images, shape %dx%dx%d (CxHxW), %d classes, pixel mean %.3f%n", split,
                d.count(), d.channels(), d.height(), d.width(), d.numClasses(), d.pixelMean());
        int[] counts = d.classCounts();
        int width = classNames.stream().mapToInt(String::length).max().orElse(1);
        for (int c = 0; c < counts.length; c++) {
            String label = c + (classNames.get(c).equals(Integer.toString(c)) ? "" : " " + classNames.get(c));
            out.printf(Locale.ROOT, "  class %-" + (width + 3) + "s %7d  %5.2f%%%n", label, counts[c],
                    100.0 * counts[c] / Math.max(1, d.count()));
        }
    }
}
