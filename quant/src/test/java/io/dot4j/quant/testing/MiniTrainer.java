package io.dot4j.quant.testing;

import io.dot4j.core.autograd.NoGrad;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.functions.F;
import io.dot4j.core.nn.Module;
import io.dot4j.core.optim.Optimizer;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;

/** A minimal seeded training loop for tests (forward, loss.backward(), optimizer step), until core has a Trainer. */
public final class MiniTrainer {
    private MiniTrainer() {
    }

    /** Trains on images [0, count) of {@code d} for some epochs, shuffled by a seeded generator. */
    public static void train(Module model, Optimizer opt, Dataset d, int count, int epochs, int batch, long seed) {
        Rng rng = new Rng(seed);
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        model.train();
        for (int e = 0; e < epochs; e++) {
            for (int i = count - 1; i > 0; i--) {
                int j = (int) (rng.nextDouble() * (i + 1));
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int from = 0; from + batch <= count; from += batch) {
                int[] idx = java.util.Arrays.copyOfRange(order, from, from + batch);
                Variable loss = F.softmaxCrossEntropy(model.forward(Variable.constant(Mnist.batch(d, idx))), Mnist.labels(d, idx));
                model.cleargrads();
                loss.backward();
                opt.step();
            }
        }
        model.eval();
    }

    /** Argmax predictions (lowest index on ties) of the model in eval mode for images [from, to). */
    public static int[] predict(Module model, Dataset d, int from, int to) {
        model.eval();
        int[] out = new int[to - from];
        try (NoGrad _ = NoGrad.enter()) {
            for (int s = from; s < to; s += 250) {
                int e = Math.min(to, s + 250);
                Tensor scores = model.forward(Variable.constant(Mnist.batch(d, s, e))).data();
                int[] p = argmax(scores);
                System.arraycopy(p, 0, out, s - from, p.length);
            }
        }
        return out;
    }

    /** Row-wise argmax, lowest index on ties (the runtime's rule). */
    public static int[] argmax(Tensor scores) {
        int n = scores.dim(0), k = scores.dim(1);
        float[] d = scores.data();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (d[i * k + j] > d[i * k + best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    public static double accuracy(int[] predicted, Dataset d, int from) {
        int ok = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == d.label(from + i)) {
                ok++;
            }
        }
        return ok / (double) predicted.length;
    }
}
