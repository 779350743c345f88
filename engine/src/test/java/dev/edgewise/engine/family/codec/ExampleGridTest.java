package dev.edgewise.engine.family.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decoded-examples figure: rows of images, enlarged without interpolation. */
class ExampleGridTest {

    @TempDir
    Path dir;

    @Test
    void rowsOfGreyAndColourImagesArePlacedPixelForPixel() throws IOException {
        double[][][] black = new double[1][2][3];
        double[][][] white = {{{1, 1, 1}, {1, 1, 1}}};
        double[][][] red = {{{1, 1, 1}, {1, 1, 1}}, {{0, 0, 0}, {0, 0, 0}}, {{0, 0, 0}, {0, 0, 0}}};
        Path file = ExampleGrid.write(dir.resolve("grid/decoded.png"), List.of(List.of(black, white), List.<double[][][]>of(red)), 2);
        BufferedImage png = ImageIO.read(file.toFile());
        // 2 columns of 3 x 2 = 6 pixels, 2 rows of 4, a 2-pixel gap around each.
        assertEquals(2 * (6 + 2) + 2, png.getWidth());
        assertEquals(2 * (4 + 2) + 2, png.getHeight());
        assertEquals(0x000000, png.getRGB(2, 2) & 0xFFFFFF);
        assertEquals(0x000000, png.getRGB(7, 5) & 0xFFFFFF);
        assertEquals(0xFFFFFF, png.getRGB(10, 2) & 0xFFFFFF);
        assertEquals(0xFF0000, png.getRGB(2, 8) & 0xFFFFFF);
        // The second row has one image: the rest stays background.
        assertEquals(0xFFFFFF, png.getRGB(10, 8) & 0xFFFFFF);
    }
}
