package io.dot4j.quant.distill;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Shapes;
import io.dot4j.core.tensor.Tensor;

/**
 * Knowledge distillation loss (Hinton et al.), inputs (student scores [N, K], teacher scores [N, K]):
 * <pre>
 *   loss = mean over the batch of  alpha * T^2 * KL(p_t || p_s) + (1 - alpha) * CE(softmax(student), label)
 *   p_t = softmax(teacher / T),  p_s = softmax(student / T)
 * </pre>
 * The T^2 factor keeps the soft term's gradient on the same scale as the hard one's when T changes.
 * Gradients: d/dstudent = (alpha * T * (p_s - p_t) + (1 - alpha) * (softmax(student) - onehot)) / N;
 * d/dteacher = alpha * T * p_t * (d - KL) / N with d = log p_t - log p_s (usually the teacher is a constant and gets
 * none). Softmaxes are computed in double with the maximum subtracted.
 */
public final class Distillation extends Function {
    private final int[] labels;
    private final double alpha;
    private final double temperature;
    private double[] ps;
    private double[] pt;
    private double[] p1;
    private int n;
    private int k;

    public Distillation(int[] labels, double alpha, double temperature) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("distillation: expected 0 <= alpha <= 1, actual " + alpha);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("distillation: expected a finite temperature > 0, actual " + temperature);
        }
        this.labels = labels.clone();
        this.alpha = alpha;
        this.temperature = temperature;
    }

    /** The loss as a graph node (a one-element variable). */
    public static Variable loss(Variable student, Variable teacher, int[] labels, double alpha, double temperature) {
        return new Distillation(labels, alpha, temperature).apply(student, teacher);
    }

    @Override
    protected Tensor[] forward(Tensor... in) {
        Tensor s = in[0], t = in[1];
        if (s.rank() != 2 || !s.sameShape(t)) {
            throw new ShapeException("distillation: expected student and teacher scores of the same shape [N, K], actual "
                    + Shapes.str(s.shape()) + " and " + Shapes.str(t.shape()));
        }
        n = s.dim(0);
        k = s.dim(1);
        if (labels.length != n) {
            throw new ShapeException("distillation: expected " + n + " labels, actual " + labels.length);
        }
        ps = new double[n * k];
        pt = new double[n * k];
        p1 = new double[n * k];
        double total = 0;
        for (int i = 0; i < n; i++) {
            int y = labels[i];
            if (y < 0 || y >= k) {
                throw new IllegalArgumentException("distillation: label " + i + " = " + y + ", expected 0.." + (k - 1));
            }
            softmax(s.data(), i * k, k, temperature, ps);
            softmax(t.data(), i * k, k, temperature, pt);
            softmax(s.data(), i * k, k, 1, p1);
            double kl = 0;
            for (int j = 0; j < k; j++) {
                double a = pt[i * k + j];
                if (a > 0) {
                    kl += a * (Math.log(a) - Math.log(ps[i * k + j]));
                }
            }
            total += alpha * temperature * temperature * kl - (1 - alpha) * Math.log(p1[i * k + y]);
        }
        return out(Tensor.scalar((float) (total / n)));
    }

    private static void softmax(float[] x, int off, int k, double temp, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, x[off + j] / temp);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            double e = Math.exp(x[off + j] / temp - max);
            out[off + j] = e;
            sum += e;
        }
        for (int j = 0; j < k; j++) {
            out[off + j] /= sum;
        }
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        double g = gy[0].data()[0] / (double) n;
        Tensor gs = null, gt = null;
        if (needsInputGrad(0)) {
            gs = Tensor.zeros(n, k);
            float[] d = gs.data();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    int x = i * k + j;
                    double hard = p1[x] - (j == labels[i] ? 1 : 0);
                    d[x] = (float) (g * (alpha * temperature * (ps[x] - pt[x]) + (1 - alpha) * hard));
                }
            }
        }
        if (needsInputGrad(1)) {
            gt = Tensor.zeros(n, k);
            float[] d = gt.data();
            for (int i = 0; i < n; i++) {
                double kl = 0;
                for (int j = 0; j < k; j++) {
                    int x = i * k + j;
                    kl += pt[x] > 0 ? pt[x] * (Math.log(pt[x]) - Math.log(ps[x])) : 0;
                }
                for (int j = 0; j < k; j++) {
                    int x = i * k + j;
                    double dj = pt[x] > 0 ? Math.log(pt[x]) - Math.log(ps[x]) : 0;
                    d[x] = (float) (g * alpha * temperature * pt[x] * (dj - kl));
                }
            }
        }
        return out(gs, gt);
    }
}
