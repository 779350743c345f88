package dev.edgewise.engine.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.edgewise.dsl.spec.CommunicationTermSpec;

/**
 * (sent fraction - budget)^2. The fraction is the hard count of (node, round) slots that
 * transmitted; its gradient is the straight-through one the forward pass attaches to
 * {@link Outputs#SENT_SURROGATE}.
 */
final class CommunicationTerm implements LossTerm {

    private final CommunicationTermSpec spec;

    CommunicationTerm(CommunicationTermSpec spec) {
        this.spec = spec;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return Outputs.get(predictions, Outputs.SENT_SURROGATE).mean().sub((float) spec.budget()).square();
    }

    @Override
    public double scale(int epoch) {
        return spec.scale(epoch);
    }
}
