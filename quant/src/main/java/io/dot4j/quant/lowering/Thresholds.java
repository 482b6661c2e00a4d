package io.dot4j.quant.lowering;

import java.util.Arrays;

/**
 * Solves a {@link ChannelFold} for the integer thresholds of the runtime's ThresholdActivation, given that every
 * accumulator of the channel lies in [-bound, bound].
 *
 * <ul>
 *   <li>slope > 0: t_j = the smallest acc with y(acc) >= (j - 0.5) * step, i.e. ceil(((j - 0.5) * step - offset) / slope)
 *   corrected by evaluating y at the neighbours (so double rounding cannot put it off by one); the channel is positive
 *   and its level is #{j : acc >= t_j}.</li>
 *   <li>slope < 0: t_j = the largest acc with y(acc) >= (j - 0.5) * step (a floor, corrected likewise); the channel is
 *   negative and its level is #{j : acc <= t_j}. These t_j fall with j, so they are sorted ascending; the count does
 *   not depend on the order.</li>
 *   <li>slope = 0 (gamma = 0, or all weights 0): y is the constant offset, the level is the constant
 *   L = #{j : offset >= (j - 0.5) * step}; positive channel with L thresholds at -bound (always reached) and the rest at
 *   bound + 1 (never reached).</li>
 * </ul>
 * Thresholds beyond the accumulator range are clamped to -bound / bound + 1 (positive) or -bound - 1 / bound
 * (negative), which changes no level and keeps the stored width narrow.
 */
public final class Thresholds {
    private Thresholds() {
    }

    /** One channel's thresholds (sorted ascending) and sign. */
    public record Channel(int[] thresholds, boolean negative) {
    }

    public static Channel solve(ChannelFold f, long bound, int n, double stepOut) {
        if (bound < 0 || bound > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("thresholds: expected 0 <= bound <= 2^31-1, actual " + bound);
        }
        long lo = -bound, hi = Math.min(Integer.MAX_VALUE, bound + 1);
        int[] t = new int[n];
        if (f.slope() == 0) {
            int level = f.level(0, n, stepOut);
            for (int j = 0; j < n; j++) {
                t[j] = (int) (j < level ? lo : hi);
            }
            return new Channel(t, false);
        }
        boolean negative = f.slope() < 0;
        for (int j = 1; j <= n; j++) {
            double target = (j - 0.5) * stepOut;
            double guess = (target - f.offset()) / f.slope();
            if (!negative) {
                long x = clamp(Math.ceil(guess), lo, hi);
                while (x > lo && f.reaches(x - 1, j, stepOut)) {
                    x--;
                }
                while (x < hi && !f.reaches(x, j, stepOut)) {
                    x++;
                }
                t[j - 1] = (int) x; // in [-bound, bound + 1]
            } else {
                long x = clamp(Math.floor(guess), -bound - 1, bound);
                while (x < bound && f.reaches(x + 1, j, stepOut)) {
                    x++;
                }
                while (x > -bound - 1 && !f.reaches(x, j, stepOut)) {
                    x--;
                }
                t[j - 1] = (int) x; // in [-bound - 1, bound]
            }
        }
        Arrays.sort(t);
        return new Channel(t, negative);
    }

    private static long clamp(double v, long lo, long hi) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("thresholds: NaN");
        }
        return v <= lo ? lo : v >= hi ? hi : (long) v;
    }
}
