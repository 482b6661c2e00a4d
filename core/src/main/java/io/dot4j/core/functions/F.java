package io.dot4j.core.functions;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.activation.HardTanh;
import io.dot4j.core.functions.activation.LeakyReLU;
import io.dot4j.core.functions.activation.ReLU;
import io.dot4j.core.functions.activation.Sigmoid;
import io.dot4j.core.functions.activation.Tanh;
import io.dot4j.core.functions.array.Concat;
import io.dot4j.core.functions.array.Flatten;
import io.dot4j.core.functions.array.Reshape;
import io.dot4j.core.functions.array.Transpose;
import io.dot4j.core.functions.connection.Conv2d;
import io.dot4j.core.functions.connection.Linear;
import io.dot4j.core.functions.evaluation.Accuracy;
import io.dot4j.core.functions.loss.SoftmaxCrossEntropy;
import io.dot4j.core.functions.math.Add;
import io.dot4j.core.functions.math.Div;
import io.dot4j.core.functions.math.MatMul;
import io.dot4j.core.functions.math.Mean;
import io.dot4j.core.functions.math.Mul;
import io.dot4j.core.functions.math.Sub;
import io.dot4j.core.functions.math.Sum;
import io.dot4j.core.functions.noise.Dropout;
import io.dot4j.core.functions.normalization.BatchNormalization;
import io.dot4j.core.functions.pooling.AvgPool2d;
import io.dot4j.core.functions.pooling.GlobalAvgPool;
import io.dot4j.core.functions.pooling.MaxPool2d;
import io.dot4j.core.functions.pooling.Pool2dParams;
import io.dot4j.core.tensor.Tensor;

import java.util.random.RandomGenerator;

/**
 * Static entry points to every function, so that model code reads like Chainer's {@code F.}:
 * {@code F.relu(F.linear(x, w, b))}. Each call creates one graph node.
 */
public final class F {
    private F() {
    }

    // ---------------------------------------------------------------- math

    public static Variable add(Variable a, Variable b) {
        return new Add().apply(a, b);
    }

    public static Variable add(Variable a, float b) {
        return new Add().apply(a, Variable.constant(Tensor.scalar(b)));
    }

    public static Variable sub(Variable a, Variable b) {
        return new Sub().apply(a, b);
    }

    public static Variable mul(Variable a, Variable b) {
        return new Mul().apply(a, b);
    }

    public static Variable mul(Variable a, float b) {
        return new Mul().apply(a, Variable.constant(Tensor.scalar(b)));
    }

    public static Variable div(Variable a, Variable b) {
        return new Div().apply(a, b);
    }

    public static Variable matmul(Variable a, Variable b) {
        return new MatMul().apply(a, b);
    }

    /** Sum of all elements: a scalar. */
    public static Variable sum(Variable x) {
        return new Sum().apply(x);
    }

    /** Sum over one axis (negative counts from the end), which is removed unless keepDims. */
    public static Variable sum(Variable x, int axis, boolean keepDims) {
        return new Sum(axis, keepDims).apply(x);
    }

    /** Mean of all elements: a scalar. */
    public static Variable mean(Variable x) {
        return new Mean().apply(x);
    }

    public static Variable mean(Variable x, int axis, boolean keepDims) {
        return new Mean(axis, keepDims).apply(x);
    }

    // ---------------------------------------------------------------- connection

    /** x W^T + b with W [out, in]; b may be null. */
    public static Variable linear(Variable x, Variable w, Variable b) {
        return b == null ? new Linear().apply(x, w) : new Linear().apply(x, w, b);
    }

    public static Variable linear(Variable x, Variable w) {
        return new Linear().apply(x, w);
    }

    /** 2-d convolution, x [N, C, H, W], w [OC, C, KH, KW], b [OC] or null; same stride and pad on both axes. */
    public static Variable conv2d(Variable x, Variable w, Variable b, int stride, int pad) {
        return conv2d(x, w, b, stride, stride, pad, pad);
    }

    public static Variable conv2d(Variable x, Variable w, Variable b, int strideH, int strideW, int padH, int padW) {
        Conv2d f = new Conv2d(strideH, strideW, padH, padW);
        return b == null ? f.apply(x, w) : f.apply(x, w, b);
    }

    // ---------------------------------------------------------------- pooling

    public static Variable maxPool2d(Variable x, int kernel, int stride, int pad) {
        return new MaxPool2d(Pool2dParams.of(kernel, stride, pad)).apply(x);
    }

    public static Variable maxPool2d(Variable x, Pool2dParams p) {
        return new MaxPool2d(p).apply(x);
    }

    /** Average pooling; padding counts as zeros (divides by kernel area everywhere, like Chainer). */
    public static Variable avgPool2d(Variable x, int kernel, int stride, int pad) {
        return new AvgPool2d(Pool2dParams.of(kernel, stride, pad)).apply(x);
    }

    public static Variable avgPool2d(Variable x, Pool2dParams p) {
        return new AvgPool2d(p).apply(x);
    }

    /** [N, C, H, W] -> [N, C]. */
    public static Variable globalAvgPool(Variable x) {
        return new GlobalAvgPool().apply(x);
    }

    // ---------------------------------------------------------------- activation

    public static Variable relu(Variable x) {
        return new ReLU().apply(x);
    }

    public static Variable leakyRelu(Variable x, float slope) {
        return new LeakyReLU(slope).apply(x);
    }

    public static Variable tanh(Variable x) {
        return new Tanh().apply(x);
    }

    public static Variable sigmoid(Variable x) {
        return new Sigmoid().apply(x);
    }

    public static Variable hardTanh(Variable x, float min, float max) {
        return new HardTanh(min, max).apply(x);
    }

    /** hardTanh with the usual bounds [-1, 1]. */
    public static Variable hardTanh(Variable x) {
        return new HardTanh(-1f, 1f).apply(x);
    }

    // ---------------------------------------------------------------- normalization

    /**
     * Batch normalization with batch statistics (training); runningMean and runningVar are updated in place unless
     * both null.
     */
    public static Variable batchNormalization(Variable x, Variable gamma, Variable beta, Tensor runningMean,
                                              Tensor runningVar, float decay, float eps) {
        return BatchNormalization.train(eps, decay, runningMean, runningVar).apply(x, gamma, beta);
    }

    /** Batch normalization with fixed statistics (inference). */
    public static Variable fixedBatchNormalization(Variable x, Variable gamma, Variable beta, Tensor mean, Tensor var,
                                                   float eps) {
        return BatchNormalization.eval(eps, mean, var).apply(x, gamma, beta);
    }

    // ---------------------------------------------------------------- noise

    /** Inverted dropout in training; returns x itself when not training or ratio == 0. */
    public static Variable dropout(Variable x, float ratio, RandomGenerator rng, boolean train) {
        if (!train || ratio == 0f) {
            if (!(ratio >= 0f && ratio < 1f)) {
                throw new IllegalArgumentException("dropout: expected 0 <= ratio < 1, actual " + ratio);
            }
            return x;
        }
        return new Dropout(ratio, rng).apply(x);
    }

    // ---------------------------------------------------------------- loss

    /** Mean softmax cross-entropy of scores [N, K] against labels. */
    public static Variable softmaxCrossEntropy(Variable x, int[] labels) {
        return new SoftmaxCrossEntropy(labels).apply(x);
    }

    // ---------------------------------------------------------------- evaluation

    /** Fraction of rows of scores [N, K] whose argmax is the label, as a constant scalar (not differentiable). */
    public static Variable accuracy(Variable scores, int[] labels) {
        return Variable.constant(Tensor.scalar(Accuracy.of(scores.data(), labels)));
    }

    // ---------------------------------------------------------------- array

    public static Variable reshape(Variable x, int... shape) {
        return new Reshape(shape).apply(x);
    }

    /** [N, ...] -> [N, rest]. */
    public static Variable flatten(Variable x) {
        return new Flatten().apply(x);
    }

    /** Output axis i is input axis perm[i]; no perm reverses the axes. */
    public static Variable transpose(Variable x, int... perm) {
        return perm.length == 0 ? new Transpose().apply(x) : new Transpose(perm).apply(x);
    }

    public static Variable concat(int axis, Variable... xs) {
        return new Concat(axis).apply(xs);
    }
}
