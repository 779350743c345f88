package dev.edgewise.engine.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * One named term of the loss. The loss is the sum of every term the spec names, each times its
 * weight (and its schedule). A term reads the outputs it needs by name from the family's forward
 * pass ({@link Outputs}), so a family offers a term by producing those outputs.
 */
public interface LossTerm {

    /**
     * The term's value for a batch, a scalar.
     *
     * @param labels the batch's labels as the family made them
     * @param predictions the forward pass's outputs, named (see {@link Outputs})
     */
    NDArray evaluate(NDList labels, NDList predictions);

    /** The fraction of its weight the term has in {@code epoch} (1-based); 1 unless it warms up. */
    default double scale(int epoch) {
        return 1.0;
    }
}
