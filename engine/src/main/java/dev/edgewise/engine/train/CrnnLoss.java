package dev.edgewise.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * L = w_task * MSE(every node's output, target) + w_comm * (sent fraction - budget)^2. The sent
 * fraction is the hard count; its gradient is the straight-through one the network attaches
 * (that of the messages' L1 mass).
 */
public final class CrnnLoss extends Loss {

    private final float taskWeight;
    private final float communicationWeight;
    private float communicationScale = 1f;
    private final float budget;

    public CrnnLoss(double taskWeight, double communicationWeight, double budget) {
        super("crnn");
        this.taskWeight = (float) taskWeight;
        this.communicationWeight = (float) communicationWeight;
        this.budget = (float) budget;
    }

    /** Scales the communication term's weight (a warm-up schedule sets it each epoch). */
    public void scaleCommunication(double factor) {
        communicationScale = (float) factor;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray outputs = predictions.get(0);
        NDArray targets = labels.singletonOrThrow().expandDims(1);
        NDArray task = outputs.sub(targets).square().mean();
        if (communicationWeight * communicationScale == 0f) {
            return task.mul(taskWeight);
        }
        NDArray communication = predictions.get(2).mean().sub(budget).square();
        return task.mul(taskWeight).add(communication.mul(communicationWeight * communicationScale));
    }
}
