package dev.edgewise.engine.family.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.engine.loss.MsSsim;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Colour images through the measures and the JPEG baseline, as the food photos use them. */
class ColourTest {

    /** The food experiments' MS-SSIM: 3 scales, 7-pixel window (the paper's first three weights, renormalised). */
    private static final MsSsim MS_SSIM = new MsSsim(new double[] {0.0448 / 0.6305, 0.2856 / 0.6305, 0.3001 / 0.6305}, 7, 1.5);

    private static double[][][] noise(int channels, int side, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][][] image = new double[channels][side][side];
        for (double[][] plane : image) {
            for (double[] row : plane) {
                for (int x = 0; x < side; x++) {
                    row[x] = random.nextDouble();
                }
            }
        }
        return image;
    }

    @Test
    void colourMsSsimIsOneForIdenticalImages() {
        double[][][] image = noise(3, 32, 1);
        assertEquals(1.0, MS_SSIM.of(image, image, 1), 1e-12);
    }

    @Test
    void colourMsSsimIsTheMeanOfTheChannels() {
        double[][][] a = noise(3, 32, 1);
        double[][][] b = noise(3, 32, 1);
        // Only the blue plane differs: red and green score 1, blue its own grey score.
        b[2] = noise(1, 32, 2)[0];
        double blue = MS_SSIM.of(new double[][][] {a[2]}, new double[][][] {b[2]}, 1);
        assertTrue(blue < 0.5, "unrelated noise: " + blue);
        assertEquals((1 + 1 + blue) / 3, MS_SSIM.of(a, b, 1), 1e-12);
    }

    @Test
    void jpegKeepsTheChannelOrderOfAColourImage() {
        double[][][] image = new double[3][32][32];
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                image[x < 16 ? 0 : 2][y][x] = 1; // red left, blue right
            }
        }
        byte[] file = JpegBaseline.encode(image, 0.9f);
        double[][][] decoded = JpegBaseline.decode(file, file.length, new boolean[1], 3, 32, 32).image();
        assertEquals(1, decoded[0][16][4], 0.1, "red on the left");
        assertEquals(0, decoded[2][16][4], 0.1);
        assertEquals(1, decoded[2][16][28], 0.1, "blue on the right");
        assertEquals(0, decoded[0][16][28], 0.1);
        assertEquals(0, decoded[1][16][4], 0.1, "no green anywhere");
    }

    /**
     * The JDK's writer, given an RGB image and no metadata, writes a JFIF file of three YCbCr
     * components with 4:2:0 chroma subsampling (luma sampling 2x2, each chroma 1x1): what the
     * README says of the baseline on colour. Read from the start-of-frame segment.
     */
    @Test
    void theJdkWriterSubsamplesChroma420() {
        byte[] file = JpegBaseline.encode(noise(3, 32, 3), 0.5f);
        int at = 2;
        while ((file[at + 1] & 0xFF) != 0xC0 && (file[at + 1] & 0xFF) != 0xC1) {
            at += 2 + (((file[at + 2] & 0xFF) << 8) | (file[at + 3] & 0xFF));
        }
        int components = file[at + 9] & 0xFF;
        assertEquals(3, components);
        int[] sampling = new int[3];
        for (int c = 0; c < 3; c++) {
            sampling[c] = file[at + 10 + 3 * c + 1] & 0xFF;
        }
        assertArrayEquals(new int[] {0x22, 0x11, 0x11}, sampling, "Y 2x2, Cb 1x1, Cr 1x1");
    }
}
