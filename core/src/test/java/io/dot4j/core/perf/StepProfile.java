package io.dot4j.core.perf;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.data.DataCache;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.functions.F;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.optim.LrSchedule;
import io.dot4j.core.optim.SGD;
import io.dot4j.core.tensor.Parallel;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.train.Batch;
import io.dot4j.core.train.BatchIterator;
import io.dot4j.core.train.Normalization;
import io.dot4j.core.zoo.ModelZoo;

import java.util.Arrays;

/**
 * Manual profile of LeNet-5 training steps at batch 64 (not a test): forward / backward / update times per step and
 * a checksum of the weights. Run: java -cp core/target/classes:core/target/test-classes:DEPS
 * io.dot4j.core.perf.StepProfile [steps] [threads]
 */
public final class StepProfile {
    private StepProfile() {
    }

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        if (args.length > 1) {
            Parallel.setThreads(Integer.parseInt(args[1]));
        }
        Dataset train = DataCache.load("mnist", "train");
        BatchIterator it = new BatchIterator(train, 64, true, true, Normalization.MNIST, 0, 1);
        Sequential model = ModelZoo.create("lenet5", new Rng(1));
        SGD opt = new SGD(model, LrSchedule.constant(0.01), 0.9f, false);
        for (int round = 0; round < 3; round++) {
            long tf = 0;
            long tb = 0;
            long tu = 0;
            long t0 = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                Batch b = it.next();
                long a = System.nanoTime();
                model.cleargrads();
                Variable y = model.forward(Variable.constant(b.x()));
                Variable loss = F.softmaxCrossEntropy(y, b.labels());
                loss.item();
                long c = System.nanoTime();
                loss.backward();
                long d = System.nanoTime();
                opt.step();
                long e = System.nanoTime();
                tf += c - a;
                tb += d - c;
                tu += e - d;
            }
            long total = System.nanoTime() - t0;
            System.out.printf("threads %d  round %d: %.2f ms/step (fwd %.2f, bwd %.2f, upd %.2f) -> %.1f s/epoch%n",
                    Parallel.threads(), round, total / 1e6 / steps, tf / 1e6 / steps, tb / 1e6 / steps, tu / 1e6 / steps,
                    total / 1e9 / steps * 937.5);
        }
        double sum = 0;
        for (Variable v : model.namedParameters().values()) {
            sum += Arrays.hashCode(v.data().data());
        }
        System.out.println("weights hash " + (long) sum);
    }
}
