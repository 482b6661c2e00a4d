package io.dot4j.core.optim;

/**
 * The learning rate of each update, as a pure function of the update index (0 for the first update), so that a
 * resumed run recomputes exactly the rates an uninterrupted run would use. Trigonometry uses StrictMath, so the values
 * are the same on every platform.
 */
@FunctionalInterface
public interface LrSchedule {
    /** The learning rate for update number {@code step} (0-based). */
    double lr(long step);

    static LrSchedule constant(double lr) {
        positive("constant", lr);
        return step -> lr;
    }

    /** lr * gamma^floor(step / every): e.g. divide by 10 every 30 epochs' worth of updates. */
    static LrSchedule step(double lr, double gamma, long every) {
        positive("step", lr);
        if (!(gamma > 0) || every < 1) {
            throw new IllegalArgumentException("step schedule: expected gamma > 0 and every >= 1, actual gamma=" + gamma
                    + " every=" + every);
        }
        return step -> lr * StrictMath.pow(gamma, (double) (step / every));
    }

    /**
     * Cosine annealing from lr down to minLr over totalSteps updates: minLr + (lr - minLr) (1 + cos(pi t / T)) / 2,
     * then minLr.
     */
    static LrSchedule cosine(double lr, long totalSteps, double minLr) {
        positive("cosine", lr);
        if (totalSteps < 1 || minLr < 0 || minLr > lr) {
            throw new IllegalArgumentException("cosine schedule: expected totalSteps >= 1 and 0 <= minLr <= lr, actual totalSteps="
                    + totalSteps + " minLr=" + minLr + " lr=" + lr);
        }
        return step -> {
            double t = Math.min(step, totalSteps);
            return minLr + (lr - minLr) * 0.5 * (1 + StrictMath.cos(StrictMath.PI * t / totalSteps));
        };
    }

    /**
     * Linear warm-up composed with this schedule: for the first {@code steps} updates the rate is this schedule's
     * times (step + 1) / steps; afterwards it is this schedule's unchanged.
     */
    default LrSchedule withWarmup(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("warm-up: expected steps >= 0, actual " + steps);
        }
        LrSchedule inner = this;
        return step -> step < steps ? inner.lr(step) * (step + 1) / steps : inner.lr(step);
    }

    private static void positive(String name, double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(name + " schedule: expected a finite lr > 0, actual " + lr);
        }
    }
}
