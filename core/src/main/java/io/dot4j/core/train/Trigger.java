package io.dot4j.core.train;

/**
 * When an extension runs: every {@code period} iterations, or at the end of every {@code period}-th epoch.
 */
public record Trigger(long period, Unit unit) {
    public enum Unit { ITERATION, EPOCH }

    public Trigger {
        if (period < 1) {
            throw new IllegalArgumentException("trigger: expected period >= 1, actual " + period);
        }
    }

    public static Trigger everyIterations(long n) {
        return new Trigger(n, Unit.ITERATION);
    }

    public static Trigger everyEpochs(long n) {
        return new Trigger(n, Unit.EPOCH);
    }

    /** Whether it fires after the trainer's current iteration. */
    public boolean fires(Trainer t) {
        return switch (unit) {
            case ITERATION -> t.iteration() % period == 0;
            case EPOCH -> t.isEpochEnd() && t.epoch() % period == 0;
        };
    }
}
