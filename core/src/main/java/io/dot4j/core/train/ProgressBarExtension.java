package io.dot4j.core.train;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * A terminal progress bar over all iterations of the run, with the running loss and accuracy of the last
 * {@code window} iterations, the images per second, and the latest test accuracy; drawn to the given stream (stderr
 * in the command line, so stdout stays clean for results). On a terminal the bar redraws in place four times a second;
 * redirected to a file or pipe (a CI log) it prints one whole line every {@link #LOG_INTERVAL_MILLIS} instead, so logs
 * stay short and readable.
 */
public final class ProgressBarExtension implements Extension {
    /** Interval between lines when the output is not a terminal. */
    public static final long LOG_INTERVAL_MILLIS = 15_000;

    private final PrintStream out;
    private final int window;
    private final boolean terminal;
    private final long intervalMillis;
    private final MeanAccumulator mean = new MeanAccumulator();
    private ProgressBar bar;
    private double testAccuracy = Double.NaN;

    public ProgressBarExtension(PrintStream out, int window) {
        this(out, window, System.console() != null, System.console() != null ? 250 : LOG_INTERVAL_MILLIS);
    }

    /** With an explicit mode: a redrawn bar on a terminal, else whole lines every {@code intervalMillis}. */
    ProgressBarExtension(PrintStream out, int window, boolean terminal, long intervalMillis) {
        this.out = Objects.requireNonNull(out, "out");
        if (intervalMillis < 1) {
            throw new IllegalArgumentException("progress bar: expected intervalMillis >= 1, actual " + intervalMillis);
        }
        this.terminal = terminal;
        this.intervalMillis = intervalMillis;
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
                // on a terminal the bar fits its width; in a log, whole lines with room for the whole message
                .setConsumer(terminal ? new ConsoleProgressBarConsumer(out) : new DelegatingProgressBarConsumer(out::println, 140))
                .setUpdateIntervalMillis((int) Math.min(Integer.MAX_VALUE, intervalMillis)).build();
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
