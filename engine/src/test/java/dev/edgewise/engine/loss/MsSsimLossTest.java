package dev.edgewise.engine.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The trainable MS-SSIM agrees with the reference computation and passes a gradient back to the decoded image. */
class MsSsimLossTest {

    @Test
    void agreesWithTheReferenceImplementation() {
        double[][][] original = MsSsimTest.texture(3, 170, 163, 8); // odd sides: the symmetric pad is exercised
        double[][][] decoded = noisy(original, 0.05, 9);
        double reference = new MsSsim().of(original, decoded, 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(flatten(original), new Shape(1, 3, 170, 163));
            NDArray y = manager.create(flatten(decoded), new Shape(1, 3, 170, 163));
            float ours = new MsSsimLoss().msSsim(x, y).getFloat(0);
            assertEquals(reference, ours, 2e-4);
            assertTrue(reference < 0.99 && reference > 0.3, "a useful test pair: " + reference);
        }
    }

    @Test
    void theLossGradientPointsTowardsTheOriginal() {
        double[][][] original = MsSsimTest.texture(1, 64, 64, 2);
        double[][][] decoded = noisy(original, 0.1, 3);
        MsSsimLoss loss = new MsSsimLoss(new double[] {0.5, 0.5}, 7, 1.5);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(flatten(original), new Shape(1, 1, 64, 64));
            NDArray y = manager.create(flatten(decoded), new Shape(1, 1, 64, 64));
            y.setRequiresGradient(true);
            float before;
            NDArray gradient;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray value = loss.loss(x, y);
                before = value.getFloat();
                collector.backward(value);
                gradient = y.getGradient().duplicate();
            }
            NDArray stepped = y.sub(gradient.mul(20f / gradient.abs().max().getFloat()).mul(0.01f));
            assertTrue(loss.loss(x, stepped).getFloat() < before, "a step against the gradient lowers 1 - MS-SSIM");
        }
    }

    private static float[] flatten(double[][][] image) {
        int c = image.length, h = image[0].length, w = image[0][0].length;
        float[] out = new float[c * h * w];
        for (int k = 0; k < c; k++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    out[(k * h + i) * w + j] = (float) image[k][i][j];
                }
            }
        }
        return out;
    }

    private static double[][][] noisy(double[][][] image, double sigma, long seed) {
        Random random = new Random(seed);
        double[][][] out = new double[image.length][image[0].length][image[0][0].length];
        for (int c = 0; c < image.length; c++) {
            for (int i = 0; i < image[0].length; i++) {
                for (int j = 0; j < image[0][0].length; j++) {
                    out[c][i][j] = Math.max(0, Math.min(1, image[c][i][j] + sigma * random.nextGaussian()));
                }
            }
        }
        return out;
    }
}
