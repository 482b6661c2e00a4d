package io.dot4j.core.optim;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.nn.Module;
import io.dot4j.core.tensor.Tensor;

import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter): w -= lr * decay * w is applied to the weights directly,
 * before the Adam step, instead of adding decay * w to the gradient (which Adam's scaling would distort).
 */
public final class AdamW extends Adam {
    private final float decoupledDecay;

    public AdamW(Module model, LrSchedule schedule, float decoupledDecay) {
        this(model.namedParameters(), schedule, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, decoupledDecay);
    }

    public AdamW(Map<String, Variable> params, LrSchedule schedule, float beta1, float beta2, float eps, float decoupledDecay) {
        super(params, schedule, beta1, beta2, eps);
        if (!(decoupledDecay >= 0f) || Float.isInfinite(decoupledDecay)) {
            throw new IllegalArgumentException("adamw: expected decoupled weight decay >= 0, actual " + decoupledDecay);
        }
        this.decoupledDecay = decoupledDecay;
    }

    @Override
    public String kind() {
        return "adamw";
    }

    @Override
    protected void update(Variable param, Tensor grad, float lr, Map<String, Tensor> slots, long t) {
        if (decoupledDecay > 0f) {
            param.data().scaleInPlace(1f - lr * decoupledDecay);
        }
        super.update(param, grad, lr, slots, t);
    }

    public float decoupledDecay() {
        return decoupledDecay;
    }
}
