package io.dot4j.core.train;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;

/**
 * The training objective of a {@link Trainer}: a scalar {@link Variable} from the model's scores on a batch and the
 * batch itself (labels, indices and inputs, so a loss may run a second network such as a distillation teacher on the
 * same images). Whatever it records is differentiated by {@code backward()}; work that must not receive gradients
 * (a teacher's forward) belongs under {@code NoGrad}.
 */
@FunctionalInterface
public interface Loss {
    /** Mean softmax cross-entropy of the scores against the batch's labels: the default. */
    Loss SOFTMAX_CROSS_ENTROPY = (scores, batch) -> F.softmaxCrossEntropy(scores, batch.labels());

    Variable compute(Variable scores, Batch batch);
}
