package dev.edgewise.engine.family.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.dsl.spec.ClassifierSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The frozen classifier that measures decoded images: it learns the labels, and its measures respond to damage. */
class FrozenClassifierTest {

    /** Two classes that a decoder could confuse: bright on the left half, or on the right half. */
    private static ImageDataset halves(int count) {
        int side = 8;
        float[] pixels = new float[count * side * side];
        int[] labels = new int[count];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < count; i++) {
            labels[i] = i % 2;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    boolean bright = (x < side / 2) == (labels[i] == 0);
                    pixels[(i * side + y) * side + x] = (float) ((bright ? 0.8 : 0.1) + 0.1 * random.nextDouble());
                }
            }
        }
        return new ImageDataset("halves", "test", "sha256:halves", side, side, pixels, labels);
    }

    @Test
    void itLearnsTheLabelsAndJudgesDamage() {
        ImageDataset data = halves(200);
        int[] pool = new int[200];
        java.util.Arrays.setAll(pool, i -> i);
        try (FrozenClassifier classifier = FrozenClassifier.train(new ClassifierSpec(16, 20, 0.01), data, pool, 200, 32, 7,
                new SplittableRandom(7))) {
            int n = 40;
            float[] originals = java.util.Arrays.copyOf(data.pixels(), n * 64);
            int[] labels = java.util.Arrays.copyOf(data.labels(), n);

            FrozenClassifier.Tally same = classifier.tally();
            same.add(originals, originals, labels, n);
            assertEquals(1.0, same.originalAccuracy(), "two halves are easy to tell apart");
            assertEquals(1.0, same.accuracy());
            assertEquals(0.0, same.perceptualDistance(), "an image is at distance 0 from itself");

            // Decoded as flat grey: the content is gone; about half the images land in the right class by chance.
            float[] grey = new float[originals.length];
            java.util.Arrays.fill(grey, 0.5f);
            FrozenClassifier.Tally lost = classifier.tally();
            lost.add(originals, grey, labels, n);
            assertEquals(0.5, lost.accuracy(), 0.01, "one class for every grey image: half of the alternating labels");
            assertTrue(lost.perceptualDistance() > 0, "grey is far from the originals: " + lost.perceptualDistance());
            assertEquals(1.0, lost.originalAccuracy());
        }
    }

    /**
     * The loss terms' view of the classifier: the same network as its measures, differentiable with
     * respect to the images, and frozen: a backward pass through it moves no parameter of it.
     */
    @Test
    void judgingPassesGradientsToTheImagesAndLeavesTheClassifierFrozen() {
        ImageDataset data = halves(200);
        int[] pool = new int[200];
        java.util.Arrays.setAll(pool, i -> i);
        try (FrozenClassifier classifier = FrozenClassifier.train(new ClassifierSpec(16, 20, 0.01), data, pool, 200, 32, 7,
                new SplittableRandom(7)); ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            float[][] before = classifier.parameterValues();
            int n = 8;
            float[] grey = new float[n * 64];
            java.util.Arrays.fill(grey, 0.5f);
            ai.djl.ndarray.NDArray images = manager.create(grey, new ai.djl.ndarray.types.Shape(n, 64));
            images.setRequiresGradient(true);
            int[] labels = java.util.Arrays.copyOf(data.labels(), n);
            float[] classes = new float[n];
            for (int i = 0; i < n; i++) {
                classes[i] = labels[i];
            }
            try (ai.djl.training.GradientCollector collector = manager.getEngine().newGradientCollector()) {
                ai.djl.ndarray.NDList judged = classifier.judge(images);
                ai.djl.ndarray.NDArray loss = judged.get(0).logSoftmax(1).mul(manager.create(classes).oneHot(2)).sum(new int[] {1}).neg().mean();
                collector.backward(loss);
            }
            float[] gradient = images.getGradient().toFloatArray();
            double norm = 0;
            for (float g : gradient) {
                norm += g * g;
            }
            assertTrue(norm > 0, "the cross-entropy's gradient reaches the images");
            float[][] after = classifier.parameterValues();
            for (int k = 0; k < before.length; k++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(before[k], after[k], 0f, "parameter " + k + " stays as trained");
            }
            // The judge computes what the measures compute: grey images are judged at the same feature distance.
            float[] originals = java.util.Arrays.copyOf(data.pixels(), n * 64);
            ai.djl.ndarray.NDArray sent = classifier.judge(manager.create(originals, new ai.djl.ndarray.types.Shape(n, 64))).get(1);
            ai.djl.ndarray.NDArray received = classifier.judge(manager.create(grey, new ai.djl.ndarray.types.Shape(n, 64))).get(1);
            double distance = sent.sub(received).square().mean().getFloat();
            FrozenClassifier.Tally tally = classifier.tally();
            tally.add(originals, grey, labels, n);
            assertEquals(tally.perceptualDistance(), distance, 1e-5 * tally.perceptualDistance());
        }
    }
}
