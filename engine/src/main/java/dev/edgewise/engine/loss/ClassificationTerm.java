package dev.edgewise.engine.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The classification loss: the cross-entropy, averaged over the batch, of a frozen judge's class
 * scores on the decoded images ({@link Outputs#JUDGE_SCORES}) against each sample's true class
 * (the label named {@link Outputs#CLASS_LABEL}): Starfish's task-aware objective.
 */
final class ClassificationTerm implements LossTerm {

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray scores = Outputs.get(predictions, Outputs.JUDGE_SCORES);
        NDArray classes = labels.get(Outputs.CLASS_LABEL);
        if (classes == null) {
            throw new IllegalStateException("the classification term needs each sample's class as a label named '" + Outputs.CLASS_LABEL + "'");
        }
        NDArray picked = scores.logSoftmax(1).mul(classes.oneHot((int) scores.getShape().get(1))).sum(new int[] {1});
        return picked.neg().mean();
    }
}
