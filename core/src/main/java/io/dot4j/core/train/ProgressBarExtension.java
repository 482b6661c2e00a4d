package io.dot4j.core.train;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * A terminal progress bar over all iterations of the run, with the running loss and accuracy of the last
 * {@code window} iterations, the images per second, and the latest test accuracy; drawn to the given stream (stderr
 * in the command line, so stdout stays clean for results).
 */
public final class ProgressBarExtension implements Extension {
    private final PrintStream out;
    private final int window;
    private final MeanAccumulator mean = new MeanAccumulator();
    private ProgressBar bar;
    private double testAccuracy = Double.NaN;

    public ProgressBarExtension(PrintStream out, int window) {
        this.out = Objects.requireNonNull(out, "out");
        if (window < 1) {
            throw new IllegalArgumentException("progress bar: expected window >= 1, actual " + window);
        }
        this.window = window;
    }

    @Override
    public String name() {
        return "progress";
    }

    @Override
    public Trigger trigger() {
        return Trigger.everyIterations(window);
    }

    @Override
    public void initialize(Trainer t) {
        bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(t.maxIterations())
                // on a terminal the bar fits its width; redirected to a file, leave room for the whole message
                .setConsumer(System.console() != null ? new ConsoleProgressBarConsumer(out) : new ConsoleProgressBarConsumer(out, 140))
                .setUpdateIntervalMillis(250).build();
        bar.stepTo(t.iteration());
        mean.startClock();
    }

    @Override
    public void observe(Trainer t) {
        mean.add(t);
        bar.stepTo(t.iteration());
        Double ta = t.observation().get("test/accuracy");
        if (ta != null) {
            testAccuracy = ta;
        }
    }

    @Override
    public void run(Trainer t) {
        bar.setExtraMessage(String.format(Locale.ROOT, " ep %d loss %.4f acc %.3f %.0f img/s%s", t.epoch() + (t.isEpochEnd() ? 0 : 1),
                mean.loss(), mean.accuracy(), mean.imagesPerSecond(),
                Double.isNaN(testAccuracy) ? "" : String.format(Locale.ROOT, " test %.4f", testAccuracy)));
        mean.reset();
    }

    @Override
    public void finish(Trainer t) {
        if (bar != null) {
            bar.close();
        }
    }
}
