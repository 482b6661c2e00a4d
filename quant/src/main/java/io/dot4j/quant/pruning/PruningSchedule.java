package io.dot4j.quant.pruning;

/**
 * Gradual pruning (Zhu and Gupta's polynomial schedule): the target sparsity at optimizer step t is
 * s(t) = s_f + (s_i - s_f) * (1 - (t - begin) / (end - begin))^3 for begin <= t <= end, s_i before, s_f after; masks are
 * recomputed every {@code frequency} steps from {@code begin} on and at {@code end}. begin == end prunes once.
 * Steps are counted as {@link io.dot4j.core.optim.Optimizer#steps()}: 1 during the first update.
 */
public record PruningSchedule(double initialSparsity, double finalSparsity, long begin, long end, long frequency) {
    public PruningSchedule {
        if (!(initialSparsity >= 0 && initialSparsity < 1) || !(finalSparsity >= 0 && finalSparsity < 1)) {
            throw new IllegalArgumentException("pruning schedule: expected sparsities in [0, 1), actual initial " + initialSparsity
                    + ", final " + finalSparsity);
        }
        if (begin < 1 || end < begin) {
            throw new IllegalArgumentException("pruning schedule: expected 1 <= begin <= end, actual begin " + begin + ", end " + end);
        }
        if (frequency < 1) {
            throw new IllegalArgumentException("pruning schedule: expected frequency >= 1, actual " + frequency);
        }
    }

    /** Prune once, to {@code sparsity}, at step {@code step}. */
    public static PruningSchedule oneShot(double sparsity, long step) {
        return new PruningSchedule(sparsity, sparsity, step, step, 1);
    }

    /** The target sparsity at step t. */
    public double sparsityAt(long t) {
        if (t <= begin) {
            return t < begin ? initialSparsity : (begin == end ? finalSparsity : initialSparsity);
        }
        if (t >= end) {
            return finalSparsity;
        }
        double r = 1 - (double) (t - begin) / (end - begin);
        return finalSparsity + (initialSparsity - finalSparsity) * r * r * r;
    }

    /** Whether masks are recomputed at step t. */
    public boolean updatesAt(long t) {
        return t >= begin && t <= end && ((t - begin) % frequency == 0 || t == end);
    }
}
