package dev.edgewise.engine.task;

import ai.djl.ndarray.NDArray;
import dev.edgewise.dsl.spec.TaskSpec;
import java.util.Map;

/**
 * What the network must learn, independent of how the network is built: the target of a sample,
 * the task's own loss term, and how outputs are scored. A family hands it its outputs and stays
 * free of any task-specific branch.
 *
 * <p>An output unit is one prediction: a node's output (the C-RNN, every node answers) or the base
 * station's (split inference). Its width is 1 for regression tasks and the class count for
 * classification.
 */
public interface Task {

    /** The spec variant this task reads. */
    Class<? extends TaskSpec> spec();

    /** True when the label itself is the target index (softmax cross-entropy), false for a regression target. */
    boolean classification();

    /** Output values one prediction takes, given the dataset's class count. */
    int outputWidth(int classes);

    /**
     * The regression target of a sample whose label is {@code label} (the largest digit of the
     * sample for the max tasks); classification returns the label as a float.
     */
    float target(int label);

    /**
     * The task's loss over a batch: {@code outputs (B, units * width)} against {@code labels (B)}
     * (targets for regression, class indices for classification). Mean over the batch.
     */
    NDArray loss(NDArray outputs, NDArray labels);

    /** A fresh accumulator of scores over output units. */
    Score score();

    /** Accumulates scores over output units, in the order they are given (sums are order-sensitive). */
    interface Score {

        /**
         * One output unit: {@code width} values of {@code y} from {@code offset}, for a sample with
         * {@code label} and regression {@code target}.
         */
        void add(float[] y, int offset, int width, int label, float target);

        /** The task's metrics (unprefixed: "rmse", "accuracy", ...). */
        Map<String, Double> metrics();
    }
}
