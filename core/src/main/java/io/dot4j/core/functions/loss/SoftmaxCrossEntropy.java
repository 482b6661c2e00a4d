package io.dot4j.core.functions.loss;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Shapes;
import io.dot4j.core.tensor.Tensor;

/**
 * Mean over the batch of -log softmax(x)[label] for scores x [N, K] and int labels; the output is a scalar.
 * log-softmax uses the log-sum-exp shift by the row maximum so large scores do not overflow.
 * Gradient: (softmax(x) - onehot(label)) * gy / N.
 */
public final class SoftmaxCrossEntropy extends Function {
    private final int[] labels;
    private Tensor softmax;

    public SoftmaxCrossEntropy(int[] labels) {
        this.labels = labels.clone();
    }

    @Override
    protected Tensor[] forward(Tensor... in) {
        Tensor x = in[0];
        if (x.rank() != 2 || x.dim(0) != labels.length) {
            throw new ShapeException("softmax_cross_entropy: expected scores [N, K] with N == labels.length == " + labels.length
                    + ", actual " + Shapes.str(x.shape()));
        }
        int n = x.dim(0);
        int k = x.dim(1);
        if (n == 0) {
            throw new ShapeException("softmax_cross_entropy: expected a non-empty batch, actual " + Shapes.str(x.shape()));
        }
        float[] xd = x.data();
        Tensor p = Tensor.zerosLike(x);
        float[] pd = p.data();
        double loss = 0;
        for (int i = 0; i < n; i++) {
            int t = labels[i];
            if (t < 0 || t >= k) {
                throw new IllegalArgumentException("softmax_cross_entropy: expected labels in [0, " + k + "), actual labels["
                        + i + "] = " + t);
            }
            int row = i * k;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, xd[row + j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double e = Math.exp(xd[row + j] - max);
                pd[row + j] = (float) e;
                sum += e;
            }
            double logSum = Math.log(sum) + max;
            loss += logSum - xd[row + t];
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < k; j++) {
                pd[row + j] *= inv;
            }
        }
        if (anyNeedsGrad()) {
            softmax = p;
        }
        return out(Tensor.scalar((float) (loss / n)));
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        int n = softmax.dim(0);
        int k = softmax.dim(1);
        float scale = gy[0].item() / n;
        Tensor gx = Tensor.zerosLike(softmax);
        float[] g = gx.data();
        float[] p = softmax.data();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                g[i * k + j] = p[i * k + j] * scale;
            }
            g[i * k + labels[i]] -= scale;
        }
        return out(gx);
    }
}
