package io.dot4j.quant.quantizers;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Parallel;
import io.dot4j.core.tensor.Tensor;

/**
 * k-bit unsigned activations, "linear mid-tread half" (Blueoil's name): clip x to [0, max] and round to the nearest of
 * the 2^k levels 0, step, 2*step, ..., max with step = max / (2^k - 1). The output level is
 * {@code L = #{j in 1..2^k-1 : x >= (j - 0.5) * step}}, i.e. rounding half up, and the value is L * step. This
 * counting form is exactly what the integer thresholds reproduce.
 *
 * <p>Gradient: passes only strictly inside (0, max), 0 elsewhere (as hardtanh clipped to [0, max]).
 * Defaults: k = 2, max = 2 (levels 0, 2/3, 4/3, 2).
 */
public final class ActivationQuantizer extends Function {
    public static final int DEFAULT_BITS = 2;
    public static final float DEFAULT_MAX = 2f;

    private final int bits;
    private final float max;
    private Tensor x;

    public ActivationQuantizer() {
        this(DEFAULT_BITS, DEFAULT_MAX);
    }

    public ActivationQuantizer(int bits, float max) {
        check(bits, max);
        this.bits = bits;
        this.max = max;
    }

    static void check(int bits, float max) {
        if (bits < 1 || bits > 8) {
            throw new IllegalArgumentException("activation quantizer: expected bits 1..8, actual " + bits);
        }
        if (!(max > 0f) || Float.isInfinite(max)) {
            throw new IllegalArgumentException("activation quantizer: expected a finite clip value max > 0, actual " + max);
        }
    }

    /** The step between levels, max / (2^k - 1), as the float forward uses it. */
    public static float step(int bits, float max) {
        return max / ((1 << bits) - 1);
    }

    /** The level 0..2^k-1 of one value (NaN maps to 0). */
    public static int level(float x, int bits, float step) {
        int n = (1 << bits) - 1;
        if (!(x > 0f)) {
            return 0;
        }
        // floor(x/step + 0.5) is the count of half-steps reached; correct it by the defining comparisons so that the
        // float rounding of the division can never disagree with "x >= (j - 0.5) * step"
        long l = (long) Math.floor((double) x / step + 0.5);
        l = Math.max(0, Math.min(n, l));
        while (l > 0 && !((double) x >= (l - 0.5) * step)) {
            l--;
        }
        while (l < n && (double) x >= (l + 0.5) * step) {
            l++;
        }
        return (int) l;
    }

    /**
     * Quantizes every element: level * step. The level is counted against the half-step boundaries
     * {@code (j - 0.5) * step} computed once, the very comparisons that define {@link #level}, so both agree on every
     * input (NaN and negatives reach no boundary and give level 0); a hot loop of the training forward pass.
     */
    static Tensor quantize(Tensor in, int bits, float step) {
        float[] d = in.data();
        Tensor y = Tensor.zerosLike(in);
        float[] o = y.data();
        int n = (1 << bits) - 1;
        if (n > 15) {
            // many levels: one rounded division and a correction beat counting 2^k boundaries
            Parallel.forRange(d.length, 16, (from, to) -> {
                for (int i = from; i < to; i++) {
                    o[i] = level(d[i], bits, step) * step;
                }
            });
            return y;
        }
        double[] bounds = new double[n];
        float[] values = new float[n + 1];
        for (int j = 1; j <= n; j++) {
            bounds[j - 1] = (j - 0.5) * step;
            values[j] = j * step;
        }
        Parallel.forRange(d.length, 2L * n, (from, to) -> {
            for (int i = from; i < to; i++) {
                double v = d[i];
                int l = 0;
                for (int j = 0; j < n; j++) {
                    l += v >= bounds[j] ? 1 : 0;
                }
                o[i] = values[l];
            }
        });
        return y;
    }

    @Override
    protected Tensor[] forward(Tensor... in) {
        if (anyNeedsGrad()) {
            x = in[0];
        }
        return out(quantize(in[0], bits, step(bits, max)));
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        float[] g = gy[0].data();
        float[] xd = x.data();
        Tensor gx = Tensor.zerosLike(x);
        float[] d = gx.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = xd[i] > 0f && xd[i] < max ? g[i] : 0f;
        }
        return out(gx);
    }

    public int bits() {
        return bits;
    }

    public float max() {
        return max;
    }
}
