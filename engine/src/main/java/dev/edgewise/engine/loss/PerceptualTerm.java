package dev.edgewise.engine.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The perceptual loss: the mean over the batch and over features of the squared difference of a
 * frozen judge's hidden activations on the decoded and on the original images (Starfish's VGG
 * feature loss, Johnson et al.'s perceptual loss). The same quantity the codec reports as
 * {@code test_perceptual_distance}, so training on it targets that measure directly.
 */
final class PerceptualTerm implements LossTerm {

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray decoded = Outputs.get(predictions, Outputs.JUDGE_FEATURES);
        NDArray original = Outputs.get(predictions, Outputs.JUDGE_FEATURES_ORIGINAL);
        return decoded.sub(original).square().mean();
    }
}
