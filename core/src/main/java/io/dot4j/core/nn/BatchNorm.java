package io.dot4j.core.nn;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Tensor;

/**
 * Batch normalization over the channels of [N, C] (1-d) or [N, C, H, W] (2-d) inputs: parameters "gamma" (ones) and
 * "beta" (zeros), buffers "mean" (zeros) and "var" (ones). In training mode it normalizes with the batch statistics
 * and updates the running ones, {@code running = (1 - momentum) * running + momentum * batch} (unbiased variance); in
 * evaluation mode it uses the running statistics.
 */
public class BatchNorm extends Module {
    /** Chainer's and PyTorch's defaults: the running statistics move by 10 % of the batch's per step. */
    public static final float DEFAULT_MOMENTUM = 0.1f;
    public static final float DEFAULT_EPS = 2e-5f;

    private final int channels;
    private final float momentum;
    private final float eps;
    private final Variable gamma;
    private final Variable beta;
    private final Tensor runningMean;
    private final Tensor runningVar;

    public BatchNorm(int channels) {
        this(channels, DEFAULT_MOMENTUM, DEFAULT_EPS);
    }

    @SuppressWarnings("this-escape") // registering state in the constructor is the Module design
    public BatchNorm(int channels, float momentum, float eps) {
        if (channels < 1) {
            throw new IllegalArgumentException("BatchNorm: expected channels >= 1, actual " + channels);
        }
        if (!(momentum >= 0f && momentum <= 1f)) {
            throw new IllegalArgumentException("BatchNorm: expected 0 <= momentum <= 1, actual " + momentum);
        }
        if (!(eps > 0f)) {
            throw new IllegalArgumentException("BatchNorm: expected eps > 0, actual " + eps);
        }
        this.channels = channels;
        this.momentum = momentum;
        this.eps = eps;
        this.gamma = addParameter("gamma", Tensor.ones(channels));
        this.beta = addParameter("beta", Tensor.zeros(channels));
        this.runningMean = addBuffer("mean", Tensor.zeros(channels));
        this.runningVar = addBuffer("var", Tensor.ones(channels));
    }

    /** A layer sharing {@code source}'s parameters, running statistics and settings (see {@link Conv2d#Conv2d(Conv2d)}). */
    @SuppressWarnings("this-escape")
    protected BatchNorm(BatchNorm source) {
        this.channels = source.channels;
        this.momentum = source.momentum;
        this.eps = source.eps;
        this.gamma = addParameter("gamma", source.gamma);
        this.beta = addParameter("beta", source.beta);
        this.runningMean = addBuffer("mean", source.runningMean);
        this.runningVar = addBuffer("var", source.runningVar);
    }

    @Override
    public Variable forward(Variable x) {
        if (isTraining()) {
            return F.batchNormalization(x, gamma, beta, runningMean, runningVar, 1f - momentum, eps);
        }
        return F.fixedBatchNormalization(x, gamma, beta, runningMean, runningVar, eps);
    }

    public int channels() {
        return channels;
    }

    public float momentum() {
        return momentum;
    }

    public float eps() {
        return eps;
    }

    public Variable gamma() {
        return gamma;
    }

    public Variable beta() {
        return beta;
    }

    /** The running mean [C] (updated in place during training). */
    public Tensor runningMean() {
        return runningMean;
    }

    /** The running variance [C] (updated in place during training). */
    public Tensor runningVar() {
        return runningVar;
    }

    @Override
    public String toString() {
        return "BatchNorm(" + channels + ")";
    }
}
