package io.dot4j.core.train;

import io.dot4j.core.autograd.NoGrad;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.functions.F;
import io.dot4j.core.nn.Module;

import java.util.Objects;

/**
 * Test-set accuracy and loss, in evaluation mode (running batch-norm statistics, no dropout) and without recording a
 * graph; reports "test/accuracy" and "test/loss" to the trainer. The model's previous mode is restored.
 */
public final class Evaluator implements Extension {
    private final Dataset test;
    private final int batchSize;
    private final Normalization normalization;
    private final Trigger trigger;
    private Evaluation last;

    public Evaluator(Dataset test, int batchSize, Normalization normalization, Trigger trigger) {
        this.test = Objects.requireNonNull(test, "test");
        this.batchSize = batchSize;
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
    }

    /** Evaluates a model on a whole data set, in order. */
    public static Evaluation evaluate(Module model, Dataset data, int batchSize, Normalization normalization) {
        boolean wasTraining = model.isTraining();
        model.eval();
        int k = data.numClasses();
        int[][] confusion = new int[k][k];
        double lossSum = 0;
        try (NoGrad _ = NoGrad.enter()) {
            BatchIterator it = BatchIterator.sequential(data, batchSize, normalization);
            do {
                Batch b = it.next();
                Variable y = model.forward(Variable.constant(b.x()));
                if (y.rank() != 2 || y.shape()[1] != k) {
                    throw new IllegalArgumentException("evaluate: expected scores [" + b.size() + ", " + k + "] for " + data.name()
                            + ", actual " + java.util.Arrays.toString(y.shape()));
                }
                lossSum += (double) F.softmaxCrossEntropy(y, b.labels()).item() * b.size();
                int[] pred = y.data().argmaxRows();
                for (int i = 0; i < pred.length; i++) {
                    confusion[b.labels()[i]][pred[i]]++;
                }
            } while (!it.isNewEpoch());
        } finally {
            model.setTraining(wasTraining);
        }
        return new Evaluation(lossSum / data.count(), confusion);
    }

    @Override
    public String name() {
        return "evaluator";
    }

    @Override
    public Trigger trigger() {
        return trigger;
    }

    @Override
    public int priority() {
        return PRIORITY_EVALUATOR;
    }

    @Override
    public void run(Trainer trainer) {
        last = evaluate(trainer.model(), test, batchSize, normalization);
        trainer.report("test/accuracy", last.accuracy());
        trainer.report("test/loss", last.loss());
    }

    /** The most recent evaluation, or null. */
    public Evaluation last() {
        return last;
    }
}
