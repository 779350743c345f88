package dev.edgewise.engine.family.codec;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A grid of images as a PNG (the paper's Figures 8, 10 and 11): one row per way of sending the
 * same images (the originals, what the gateway decoded, JPEG at a comparable quality), enlarged by
 * pixel repetition so a 28x28 image stays legible and no interpolation blurs what the codec lost.
 */
final class ExampleGrid {

    /** Pixels of background between images. */
    private static final int GAP = 2;

    private ExampleGrid() {}

    /**
     * Writes {@code rows} (each a list of {@code [channel][row][column]} images in [0, 1], one or
     * three channels, all the same shape) to {@code file}, every pixel drawn {@code scale} x {@code scale}.
     */
    static Path write(Path file, List<List<double[][][]>> rows, int scale) throws IOException {
        double[][][] first = rows.get(0).get(0);
        int h = first[0].length * scale;
        int w = first[0][0].length * scale;
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        BufferedImage grid = new BufferedImage(columns * (w + GAP) + GAP, rows.size() * (h + GAP) + GAP, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < grid.getHeight(); y++) {
            for (int x = 0; x < grid.getWidth(); x++) {
                grid.setRGB(x, y, 0xFFFFFF);
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                double[][][] image = rows.get(r).get(c);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        grid.setRGB(GAP + c * (w + GAP) + x, GAP + r * (h + GAP) + y, rgb(image, y / scale, x / scale));
                    }
                }
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(grid, "png", file.toFile());
        return file;
    }

    private static int rgb(double[][][] image, int y, int x) {
        int red = level(image[0][y][x]);
        int green = level(image[image.length == 3 ? 1 : 0][y][x]);
        int blue = level(image[image.length == 3 ? 2 : 0][y][x]);
        return (red << 16) | (green << 8) | blue;
    }

    private static int level(double value) {
        return (int) Math.round(Math.max(0, Math.min(1, value)) * 255);
    }
}
