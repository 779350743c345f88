package dev.edgewise.catalog.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImageDatasetTest {

    private static ImageDataset twoImages(float[] pixels, int[] labels) {
        return new ImageDataset("tiny", "test", "sha256:00", 1, 2, pixels, labels);
    }

    @Test
    void imageIsACopyOfOneImage() {
        ImageDataset d = twoImages(new float[] {0f, 0.1f, 0.2f, 1f}, new int[] {3, 7});
        assertEquals(2, d.size());
        assertArrayEquals(new float[] {0.2f, 1f}, d.image(1));
        d.image(1)[0] = 0.9f;
        assertEquals(0.2f, d.pixels()[2]);
        assertThrows(IndexOutOfBoundsException.class, () -> d.image(2));
    }

    @Test
    void validates() {
        assertEquals("5 pixel values do not make 2 images of 1x2 (expected 4)", assertThrows(
                IllegalArgumentException.class, () -> twoImages(new float[5], new int[2])).getMessage());
        assertEquals("pixel 1 of image 1 is NaN, outside [0, 1]", assertThrows(IllegalArgumentException.class,
                () -> twoImages(new float[] {0, 0, 0, Float.NaN}, new int[2])).getMessage());
        assertEquals("pixel 0 of image 0 is 1.5, outside [0, 1]", assertThrows(IllegalArgumentException.class,
                () -> twoImages(new float[] {1.5f, 0, 0, 0}, new int[2])).getMessage());
        assertEquals("label of image 1 is negative: -1", assertThrows(IllegalArgumentException.class,
                () -> twoImages(new float[4], new int[] {0, -1})).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ImageDataset(" ", "test", "sha256:00", 1, 1, new float[0], new int[0]));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageDataset("x", "test", "sha256:00", 0, 1, new float[0], new int[0]));
    }

    @Test
    void equalityIsByContent() {
        assertEquals(twoImages(new float[4], new int[2]), twoImages(new float[4], new int[2]));
        assertNotEquals(twoImages(new float[4], new int[2]), twoImages(new float[4], new int[] {0, 1}));
    }
}
