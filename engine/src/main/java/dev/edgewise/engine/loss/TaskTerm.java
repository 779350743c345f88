package dev.edgewise.engine.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.edgewise.engine.task.Task;

/** The task's own loss on the task output: MSE for regression tasks, cross-entropy for classification. */
final class TaskTerm implements LossTerm {

    private final Task task;

    TaskTerm(Task task) {
        this.task = task;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return task.loss(predictions.get(0), labels.get(0));
    }
}
