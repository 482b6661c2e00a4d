package io.dot4j.quant.lowering;

/**
 * Everything between an integer accumulator and the next activation level, for one channel, folded into a line:
 * the float pre-activation is y(acc) = slope * acc + offset, evaluated in double exactly this way, and the output level
 * is L(acc) = #{j in 1..n : y(acc) >= (j - 0.5) * stepOut}, n = 2^k - 1.
 *
 * <p>For a layer with weight levels q, weight scale s, bias b, batch norm (gamma, beta, mean mu, variance var, eps) and
 * input level step step_in: with A = gamma / sqrt(var + eps), slope = A * s * step_in and
 * offset = A * (b - mu) + beta. This definition is the contract both the thresholds ({@link Lowering}) and the direct
 * integer simulation implement; the float network computes the same function up to float32 rounding.
 *
 * <p>Because each double operation rounds monotonically, y(acc) is monotone in acc (rising for slope > 0, falling for
 * slope < 0, constant for slope = 0), which is what makes thresholds exact.
 */
public record ChannelFold(double slope, double offset) {
    public ChannelFold {
        if (!Double.isFinite(slope) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("channel fold: expected finite slope and offset, actual " + slope + ", " + offset);
        }
    }

    /** y(acc). */
    public double preActivation(long acc) {
        return slope * acc + offset;
    }

    /** Whether acc reaches level j (1-based): y(acc) >= (j - 0.5) * stepOut. */
    public boolean reaches(long acc, int j, double stepOut) {
        return preActivation(acc) >= (j - 0.5) * stepOut;
    }

    /** L(acc): the number of leading levels reached (j -> (j - 0.5) * stepOut rises, so the reached ones are 1..L). */
    public int level(long acc, int n, double stepOut) {
        double y = preActivation(acc);
        int l = 0;
        while (l < n && y >= (l + 0.5) * stepOut) {
            l++;
        }
        return l;
    }
}
