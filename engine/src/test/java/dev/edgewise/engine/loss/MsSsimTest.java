package dev.edgewise.engine.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

public class MsSsimTest {

    private final MsSsim msSsim = new MsSsim();

    @Test
    void anImageIsPerfectlySimilarToItself() {
        double[][][] image = texture(3, 176, 176, 1);
        assertEquals(1.0, msSsim.of(image, image, 1), 1e-12);
    }

    /**
     * By hand: two flat images a and b have no contrast, so cs = c2 / c2 = 1 at every scale and
     * only the last scale's luminance (2ab + c1) / (a^2 + b^2 + c1) counts, raised to 0.1333.
     */
    @Test
    void twoFlatImagesDifferOnlyInLuminanceAtTheLastScale() {
        double a = 0.5;
        double b = 0.6;
        double c1 = 0.01 * 0.01;
        double luminance = (2 * a * b + c1) / (a * a + b * b + c1); // 0.6001 / 0.6101 = 0.983609...
        assertEquals(Math.pow(luminance, 0.1333), msSsim.of(flat(1, 161, 161, a), flat(1, 161, 161, b), 1), 1e-12);
        assertEquals(0.997799, msSsim.of(flat(1, 161, 161, a), flat(1, 161, 161, b), 1), 1e-6);
    }

    @Test
    void noiseLowersItAndMoreNoiseLowersItMore() {
        double[][][] image = texture(1, 176, 176, 2);
        double slight = msSsim.of(image, noisy(image, 0.02, 3), 1);
        double heavy = msSsim.of(image, noisy(image, 0.2, 3), 1);
        assertTrue(slight < 1 && heavy < slight, slight + " then " + heavy);
        assertEquals(slight, msSsim.of(noisy(image, 0.02, 3), image, 1), 1e-12, "symmetric");
    }

    @Test
    void anImageTooSmallForFiveScalesIsRefusedWithTheSmallestSide() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> msSsim.of(flat(1, 28, 28, 0), flat(1, 28, 28, 0), 1));
        assertEquals("28x28 is too small for 5 scales with a 11-pixel window: each side must be at least 161", e.getMessage());
        MsSsim small = new MsSsim(new double[] {0.5, 0.5}, 7, 1.5);
        assertEquals(13, small.minimumSide());
        assertEquals(1.0, small.of(texture(1, 28, 28, 4), texture(1, 28, 28, 4), 1), 1e-12);
    }

    @Test
    void anOddSideIsPaddedByItsLastRowBeforeHalving() {
        double[][] image = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        double[][] half = MsSsim.halve(image);
        assertEquals(3.0, half[0][0]);
        assertEquals((3 + 3 + 6 + 6) / 4.0, half[0][1]);
        assertEquals((7 + 8 + 7 + 8) / 4.0, half[1][0]);
        assertEquals(9.0, half[1][1]);
    }

    public static double[][][] texture(int channels, int height, int width, long seed) {
        Random random = new Random(seed);
        double[][][] image = new double[channels][height][width];
        for (int c = 0; c < channels; c++) {
            double fx = 0.05 + 0.1 * random.nextDouble();
            double fy = 0.05 + 0.1 * random.nextDouble();
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    image[c][y][x] = 0.5 + 0.3 * Math.sin(fx * x) * Math.cos(fy * y) + 0.1 * (double) x / width;
                }
            }
        }
        return image;
    }

    static double[][][] flat(int channels, int height, int width, double value) {
        double[][][] image = new double[channels][height][width];
        for (double[][] channel : image) {
            for (double[] row : channel) {
                java.util.Arrays.fill(row, value);
            }
        }
        return image;
    }

    private static double[][][] noisy(double[][][] image, double sigma, long seed) {
        Random random = new Random(seed);
        double[][][] out = new double[image.length][image[0].length][image[0][0].length];
        for (int c = 0; c < image.length; c++) {
            for (int y = 0; y < image[0].length; y++) {
                for (int x = 0; x < image[0][0].length; x++) {
                    out[c][y][x] = Math.max(0, Math.min(1, image[c][y][x] + sigma * random.nextGaussian()));
                }
            }
        }
        return out;
    }
}
