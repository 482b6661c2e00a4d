package io.dot4j.quant.quantizers;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.tensor.Tensor;

/**
 * k-bit symmetric uniform weights, k = 2..8, w_q = u * q with an integer q and a step u per group:
 * <ul>
 *   <li>k = 2: q in the odd levels {-3, -1, +1, +3}, exactly the runtime's 2-bit weights; q is the odd integer nearest
 *   to w/u (w/u in [2m, 2m+2) maps to 2m+1, so 0 maps to +1), clamped to ±3; the bins' edges sit at 0 and ±2u. u starts
 *   at 0.624 * mean |w| (the step of the mean-squared-error optimal 4-level uniform quantizer for Gaussian weights:
 *   step 0.996 sigma, sigma = mean|w| * sqrt(pi/2)) and is then refined by least squares, u = sum w q / sum q^2,
 *   alternating with the assignment until it is stable (at most {@link #REFINEMENTS} rounds). The refinement makes the
 *   quantizer idempotent: weights already on a grid {±u, ±3u} get that u back.</li>
 *   <li>k = 3..8: q = round(w/u) (half away from zero) in -(2^(k-1)-1) .. 2^(k-1)-1, u = max |w| / (2^(k-1)-1); for
 *   k = 8 that is int8 {-127..127}. The integer model stores these as int8.</li>
 * </ul>
 * Gradient: straight-through where |w| <= (qmax + 1) * u (inside the outermost bins), 0 beyond; u is a constant.
 */
public final class UniformWeight extends Function {
    /** u = this * mean|w| for 2-bit weights (see the class comment). */
    public static final double TWO_BIT_STEP_FACTOR = 0.624;
    /** Most least-squares refinement rounds of the 2-bit step. */
    public static final int REFINEMENTS = 10;

    private final int bits;
    private final Scaling scaling;
    private Tensor w;
    private float[] limit;

    public UniformWeight(int bits, Scaling scaling) {
        checkBits(bits);
        this.bits = bits;
        this.scaling = java.util.Objects.requireNonNull(scaling, "scaling");
    }

    public static WeightQuantizer quantizer(int bits, Scaling scaling) {
        checkBits(bits);
        return new Recipe(bits, scaling);
    }

    private static void checkBits(int bits) {
        if (bits < 2 || bits > 8) {
            throw new IllegalArgumentException("uniform weights: expected bits 2..8, actual " + bits);
        }
    }

    /** Largest |q|: 3 for k = 2, else 2^(k-1) - 1. */
    public static int maxLevel(int bits) {
        checkBits(bits);
        return bits == 2 ? 3 : (1 << (bits - 1)) - 1;
    }

    public static QuantizedWeights quantize(Tensor w, Scaling scaling, int bits) {
        int rows = QuantizedWeights.rowsOf(w);
        int cols = w.size() / rows;
        int groups = QuantizedWeights.groups(w, scaling);
        float[] d = w.data();
        int per = d.length / groups;
        int qmax = maxLevel(bits);
        float[] step = steps(d, groups, bits);
        int[] levels = new int[d.length];
        for (int g = 0; g < groups; g++) {
            float u = step[g];
            for (int i = g * per; i < (g + 1) * per; i++) {
                levels[i] = level(d[i], u, bits, qmax);
            }
        }
        return new QuantizedWeights(rows, cols, levels, QuantizedWeights.perRow(step, rows));
    }

    private static float[] steps(float[] d, int groups, int bits) {
        int per = d.length / groups;
        int qmax = maxLevel(bits);
        float[] step = new float[groups];
        for (int g = 0; g < groups; g++) {
            double sum = 0;
            double max = 0;
            for (int i = g * per; i < (g + 1) * per; i++) {
                sum += Math.abs(d[i]);
                max = Math.max(max, Math.abs(d[i]));
            }
            step[g] = (float) (bits == 2 ? TWO_BIT_STEP_FACTOR * sum / per : max / qmax);
            if (bits == 2) {
                step[g] = refineTwoBit(d, g * per, (g + 1) * per, step[g]);
            }
        }
        return step;
    }

    private static float refineTwoBit(float[] d, int from, int to, float u) {
        int[] q = new int[to - from];
        for (int round = 0; round < REFINEMENTS && u > 0f; round++) {
            boolean changed = round == 0;
            double num = 0, den = 0;
            for (int i = from; i < to; i++) {
                int l = level(d[i], u, 2, 3);
                changed |= l != q[i - from];
                q[i - from] = l;
                num += (double) d[i] * l;
                den += (double) l * l;
            }
            if (!changed) {
                break;
            }
            float next = (float) (num / den);
            if (!(next > 0f)) {
                break;
            }
            u = next;
        }
        return u;
    }

    static int level(float w, float u, int bits, int qmax) {
        if (u == 0f) {
            return bits == 2 ? (w >= 0f ? 1 : -1) : 0; // all-zero group: the nearest level to 0
        }
        double r = (double) w / u;
        long q;
        if (bits == 2) {
            q = 2 * (long) Math.floor(r / 2) + 1;
        } else {
            q = (long) Math.signum(r) * (long) Math.floor(Math.abs(r) + 0.5);
        }
        return (int) Math.max(-qmax, Math.min(qmax, q));
    }

    @Override
    protected Tensor[] forward(Tensor... in) {
        Tensor x = in[0];
        QuantizedWeights q = quantize(x, scaling, bits);
        if (anyNeedsGrad()) {
            w = x;
            float[] s = q.scales();
            limit = new float[s.length];
            for (int r = 0; r < s.length; r++) {
                limit[r] = (maxLevel(bits) + 1) * s[r];
            }
        }
        return out(q.toTensor(x.shape()));
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        float[] g = gy[0].data();
        float[] wd = w.data();
        Tensor gx = Tensor.zerosLike(w);
        float[] d = gx.data();
        int cols = wd.length / limit.length;
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.abs(wd[i]) <= limit[i / cols] ? g[i] : 0f;
        }
        return out(gx);
    }

    private record Recipe(int bits, Scaling scaling) implements WeightQuantizer {
        @Override
        public Variable apply(Variable w) {
            return new UniformWeight(bits, scaling).apply(w);
        }

        @Override
        public QuantizedWeights quantize(Tensor w) {
            return UniformWeight.quantize(w, scaling, bits);
        }

        @Override
        public int runtimeBits() {
            return bits == 2 ? 2 : 8;
        }

        @Override
        public WeightQuantizer withScaling(Scaling s) {
            return new Recipe(bits, s);
        }

        @Override
        public String toString() {
            return "uniform" + bits + "(" + scaling + ")";
        }
    }
}
