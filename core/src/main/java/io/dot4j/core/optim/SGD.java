package io.dot4j.core.optim;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.nn.Module;
import io.dot4j.core.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, in the form v = mu v + g; w -= lr v, or with Nesterov momentum
 * w -= lr (g + mu v) (after updating v). With mu = 0 it is plain w -= lr g and keeps no state.
 */
public final class SGD extends Optimizer {
    private final float momentum;
    private final boolean nesterov;

    public SGD(Module model, LrSchedule schedule) {
        this(model.namedParameters(), schedule, 0f, false);
    }

    public SGD(Module model, LrSchedule schedule, float momentum, boolean nesterov) {
        this(model.namedParameters(), schedule, momentum, nesterov);
    }

    public SGD(Map<String, Variable> params, LrSchedule schedule, float momentum, boolean nesterov) {
        super(params, schedule);
        if (!(momentum >= 0f && momentum < 1f)) {
            throw new IllegalArgumentException("sgd: expected 0 <= momentum < 1, actual " + momentum);
        }
        if (nesterov && momentum == 0f) {
            throw new IllegalArgumentException("sgd: Nesterov needs a momentum > 0");
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    public String kind() {
        return "sgd";
    }

    @Override
    protected List<String> slotNames() {
        return momentum == 0f ? List.of() : List.of("v");
    }

    @Override
    protected void update(Variable param, Tensor grad, float lr, Map<String, Tensor> slots, long t) {
        float[] w = param.data().data();
        float[] g = grad.data();
        if (momentum == 0f) {
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * g[i];
            }
            return;
        }
        float[] v = slots.get("v").data();
        float mu = momentum;
        for (int i = 0; i < w.length; i++) {
            v[i] = mu * v[i] + g[i];
            w[i] -= lr * (nesterov ? g[i] + mu * v[i] : v[i]);
        }
    }

    public float momentum() {
        return momentum;
    }

    public boolean nesterov() {
        return nesterov;
    }
}
