package io.dot4j.core.optim;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.nn.Module;
import io.dot4j.core.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba): m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; w -= lr m^ / (sqrt(v^) + eps) with the
 * bias-corrected m^ = m / (1 - b1^t), v^ = v / (1 - b2^t). Subclass {@link AdamW} adds decoupled weight decay.
 */
public class Adam extends Optimizer {
    public static final float DEFAULT_BETA1 = 0.9f;
    public static final float DEFAULT_BETA2 = 0.999f;
    public static final float DEFAULT_EPS = 1e-8f;

    private final float beta1;
    private final float beta2;
    private final float eps;

    public Adam(Module model, LrSchedule schedule) {
        this(model.namedParameters(), schedule, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS);
    }

    public Adam(Map<String, Variable> params, LrSchedule schedule, float beta1, float beta2, float eps) {
        super(params, schedule);
        if (!(beta1 >= 0f && beta1 < 1f) || !(beta2 >= 0f && beta2 < 1f) || !(eps > 0f)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": expected 0 <= beta1, beta2 < 1 and eps > 0, actual beta1=" + beta1
                    + " beta2=" + beta2 + " eps=" + eps);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    @Override
    public String kind() {
        return "adam";
    }

    @Override
    protected List<String> slotNames() {
        return List.of("m", "v");
    }

    @Override
    protected void update(Variable param, Tensor grad, float lr, Map<String, Tensor> slots, long t) {
        float[] w = param.data().data();
        float[] g = grad.data();
        float[] m = slots.get("m").data();
        float[] v = slots.get("v").data();
        float bc1 = (float) (1 - StrictMath.pow(beta1, t));
        float bc2 = (float) (1 - StrictMath.pow(beta2, t));
        for (int i = 0; i < w.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            float mHat = m[i] / bc1;
            float vHat = v[i] / bc2;
            w[i] -= lr * mHat / ((float) Math.sqrt(vHat) + eps);
        }
    }

    public float beta1() {
        return beta1;
    }

    public float beta2() {
        return beta2;
    }

    public float eps() {
        return eps;
    }
}
