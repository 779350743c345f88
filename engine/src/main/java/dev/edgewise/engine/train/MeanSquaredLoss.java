package dev.edgewise.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/** Mean of (y - target)^2 over the batch, for a base station with one output (the max task). */
final class MeanSquaredLoss extends Loss {

    MeanSquaredLoss() {
        super("mse");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray y = predictions.get(0).reshape(-1);
        return y.sub(labels.singletonOrThrow().reshape(-1)).square().mean();
    }
}
