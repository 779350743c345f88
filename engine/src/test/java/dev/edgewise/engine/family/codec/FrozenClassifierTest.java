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
}
