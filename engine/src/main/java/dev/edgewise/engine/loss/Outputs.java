package dev.edgewise.engine.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Names of the arrays a family's forward pass returns, so loss terms and evaluators find what they
 * need without knowing the family. The first array is always the task output.
 */
public final class Outputs {

    /** The task output: {@code (B, units * width)}. */
    public static final String TASK = "output";

    /** Whether each node transmitted in each round, hard 0/1: {@code (B, R, N)}. */
    public static final String SENT = "sent";

    /** The same flags with a surrogate gradient, for the communication term: {@code (B, R, N)}. */
    public static final String SENT_SURROGATE = "sent_surrogate";

    /** Decoded images, for image terms such as MS-SSIM: {@code (B, C, H, W)}, values in [0, 1]. */
    public static final String IMAGE = "image";

    /** The quantized representation as the sender put it on the air (before any loss): {@code (B, V)}. */
    public static final String REPRESENTATION = "representation";

    /**
     * A frozen judge's class scores on the decoded images, {@code (B, classes)}: for a term that
     * trains the sender for a classifier's task (Starfish's classification loss).
     */
    public static final String JUDGE_SCORES = "judge_scores";

    /** The frozen judge's hidden activations on the decoded images, {@code (B, F)}: for a perceptual term. */
    public static final String JUDGE_FEATURES = "judge_features";

    /** The same judge's hidden activations on the original images, {@code (B, F)}, without a gradient. */
    public static final String JUDGE_FEATURES_ORIGINAL = "judge_features_original";

    /**
     * The name of a label array holding each sample's class index, {@code (B)}, beside the task's
     * own label (the first): for a term that needs the class of a sample whose task is not classification.
     */
    public static final String CLASS_LABEL = "class";

    private Outputs() {}

    /** The array named {@code name}; a family that offers a term must name its output so. */
    public static NDArray get(NDList predictions, String name) {
        NDArray array = predictions.get(name);
        if (array == null) {
            throw new IllegalStateException("the forward pass has no output named '" + name + "'");
        }
        return array;
    }

    /** Names {@code array} and returns it, for a forward pass building its outputs. */
    public static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }
}
