package io.dot4j.core.functions.normalization;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Parallel;
import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Shapes;
import io.dot4j.core.tensor.Tensor;

/**
 * Batch normalization over [N, C] or [N, C, H, W] with per-channel scale gamma [C] and shift beta [C]; inputs are
 * (x, gamma, beta).
 *
 * <ul>
 *   <li>{@link #train}: normalizes with the statistics of this batch (biased variance), back-propagates through them,
 *   and, if given, updates the caller's running mean and variance in place:
 *   {@code running = decay * running + (1 - decay) * batch}, with the unbiased variance (times m/(m-1)) as Chainer.</li>
 *   <li>{@link #eval}: normalizes with the given fixed mean and variance, which are constants for the gradient.</li>
 * </ul>
 * Statistics are summed per channel in double and in index order, in parallel over channels.
 */
public final class BatchNormalization extends Function {
    private final boolean training;
    private final float eps;
    private final float decay;
    private final Tensor mean;
    private final Tensor var;
    private Tensor xhat;
    private float[] invStd;
    private Tensor gamma;
    private int c;
    private int hw;
    private int n;

    private BatchNormalization(boolean training, float eps, float decay, Tensor mean, Tensor var) {
        if (!(eps > 0f)) {
            throw new IllegalArgumentException("batch_normalization: expected eps > 0, actual " + eps);
        }
        if (!(decay >= 0f && decay <= 1f)) {
            throw new IllegalArgumentException("batch_normalization: expected 0 <= decay <= 1, actual " + decay);
        }
        this.training = training;
        this.eps = eps;
        this.decay = decay;
        this.mean = mean;
        this.var = var;
    }

    /**
     * Training mode. runningMean and runningVar ([C]) may both be null (no running statistics) or both given, and
     * are then updated in place.
     */
    public static BatchNormalization train(float eps, float decay, Tensor runningMean, Tensor runningVar) {
        if ((runningMean == null) != (runningVar == null)) {
            throw new IllegalArgumentException("batch_normalization: expected both running mean and variance or neither");
        }
        return new BatchNormalization(true, eps, decay, runningMean, runningVar);
    }

    /** Inference mode with fixed statistics mean, var ([C]). */
    public static BatchNormalization eval(float eps, Tensor mean, Tensor var) {
        if (mean == null || var == null) {
            throw new IllegalArgumentException("fixed_batch_normalization: expected a mean and a variance, actual null");
        }
        return new BatchNormalization(false, eps, 0f, mean, var);
    }

    @Override
    protected Tensor[] forward(Tensor... in) {
        if (in.length != 3) {
            throw new IllegalArgumentException("batch_normalization: expected inputs (x, gamma, beta), actual " + in.length + " inputs");
        }
        Tensor x = in[0];
        if (x.rank() != 2 && x.rank() != 4) {
            throw new ShapeException("batch_normalization: expected x [N, C] or [N, C, H, W], actual " + Shapes.str(x.shape()));
        }
        n = x.dim(0);
        c = x.dim(1);
        hw = x.rank() == 4 ? x.dim(2) * x.dim(3) : 1;
        for (int i = 1; i < 3; i++) {
            if (!in[i].hasShape(c)) {
                throw new ShapeException("batch_normalization: expected " + (i == 1 ? "gamma" : "beta") + " of shape [" + c
                        + "], actual " + Shapes.str(in[i].shape()));
            }
        }
        if (mean != null && (!mean.hasShape(c) || !var.hasShape(c))) {
            throw new ShapeException("batch_normalization: expected mean and variance of shape [" + c + "], actual "
                    + Shapes.str(mean.shape()) + " and " + Shapes.str(var.shape()));
        }
        int m = n * hw;
        if (training && m < 1) {
            throw new ShapeException("batch_normalization: expected at least one value per channel in training, actual "
                    + Shapes.str(x.shape()));
        }
        float[] xd = x.data();
        float[] g = in[1].data();
        float[] b = in[2].data();
        Tensor y = Tensor.zerosLike(x);
        Tensor xh = Tensor.zerosLike(x);
        float[] yd = y.data();
        float[] hd = xh.data();
        float[] inv = new float[c];
        float[] mu = new float[c];
        double[] batchVar = new double[c];
        int chw = c * hw;
        Parallel.forRange(c, 4L * m, (c0, c1) -> {
            for (int ch = c0; ch < c1; ch++) {
                double meanC;
                double varC;
                if (training) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        int o = i * chw + ch * hw;
                        for (int k = 0; k < hw; k++) {
                            s += xd[o + k];
                        }
                    }
                    meanC = s / m;
                    double s2 = 0;
                    for (int i = 0; i < n; i++) {
                        int o = i * chw + ch * hw;
                        for (int k = 0; k < hw; k++) {
                            double d = xd[o + k] - meanC;
                            s2 += d * d;
                        }
                    }
                    varC = s2 / m;
                } else {
                    meanC = mean.data()[ch];
                    varC = var.data()[ch];
                }
                batchVar[ch] = varC;
                mu[ch] = (float) meanC;
                float is = (float) (1.0 / Math.sqrt(varC + eps));
                inv[ch] = is;
                float gc = g[ch];
                float bc = b[ch];
                float mc = (float) meanC;
                for (int i = 0; i < n; i++) {
                    int o = i * chw + ch * hw;
                    for (int k = 0; k < hw; k++) {
                        float h = (xd[o + k] - mc) * is;
                        hd[o + k] = h;
                        yd[o + k] = gc * h + bc;
                    }
                }
            }
        });
        if (training && mean != null) {
            float[] rm = mean.data();
            float[] rv = var.data();
            double unbias = m > 1 ? (double) m / (m - 1) : 1.0;
            for (int ch = 0; ch < c; ch++) {
                rm[ch] = decay * rm[ch] + (1f - decay) * mu[ch];
                rv[ch] = (float) (decay * rv[ch] + (1.0 - decay) * batchVar[ch] * unbias);
            }
        }
        if (anyNeedsGrad()) {
            xhat = xh;
            invStd = inv;
            gamma = in[1];
        }
        return out(y);
    }

    @Override
    protected Tensor[] backward(Tensor... gys) {
        float[] gy = gys[0].data();
        float[] hd = xhat.data();
        float[] g = gamma.data();
        Tensor gx = needsInputGrad(0) ? Tensor.zerosLike(xhat) : null;
        float[] dx = gx == null ? null : gx.data();
        Tensor gGamma = Tensor.zeros(c);
        Tensor gBeta = Tensor.zeros(c);
        float[] dg = gGamma.data();
        float[] db = gBeta.data();
        int m = n * hw;
        int chw = c * hw;
        Parallel.forRange(c, 3L * m, (c0, c1) -> {
            for (int ch = c0; ch < c1; ch++) {
                double sg = 0;
                double sgh = 0;
                for (int i = 0; i < n; i++) {
                    int o = i * chw + ch * hw;
                    for (int k = 0; k < hw; k++) {
                        sg += gy[o + k];
                        sgh += (double) gy[o + k] * hd[o + k];
                    }
                }
                db[ch] = (float) sg;
                dg[ch] = (float) sgh;
                if (dx == null) {
                    continue;
                }
                float scale = g[ch] * invStd[ch];
                if (training) {
                    // dx = gamma / sigma * (gy - mean(gy) - xhat * mean(gy * xhat))
                    float meanG = (float) (sg / m);
                    float meanGH = (float) (sgh / m);
                    for (int i = 0; i < n; i++) {
                        int o = i * chw + ch * hw;
                        for (int k = 0; k < hw; k++) {
                            dx[o + k] = scale * (gy[o + k] - meanG - hd[o + k] * meanGH);
                        }
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        int o = i * chw + ch * hw;
                        for (int k = 0; k < hw; k++) {
                            dx[o + k] = scale * gy[o + k];
                        }
                    }
                }
            }
        });
        return out(gx, needsInputGrad(1) ? gGamma : null, needsInputGrad(2) ? gBeta : null);
    }
}
