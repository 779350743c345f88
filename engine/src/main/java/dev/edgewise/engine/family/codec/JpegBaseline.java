package dev.edgewise.engine.family.codec;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * The non-learned baseline: the JDK's own JPEG encoder (ImageIO) at a quality, with optimised
 * Huffman tables (a header of about 300 bytes instead of 623), its file cut into packets of a
 * link's payload, and what a receiver can decode when packets are lost:
 * <ul>
 *   <li>a lost packet holding any byte before the scan data (the markers and tables) loses the
 *       image: nothing can be decoded without them;
 *   <li>otherwise the first lost packet cuts the scan there: the bytes before it are decoded (with
 *       an end-of-image marker appended) and the rest of the image is grey; later packets are of no
 *       use, since a baseline scan cannot resynchronise without restart markers;
 *   <li>a decoder that throws or returns nothing on what arrived loses the image.
 * </ul>
 * A lost image decodes to mid grey (0.5), the value a receiver would show.
 */
public final class JpegBaseline {

    /** What a receiver shows for a pixel it has nothing for. */
    public static final double GREY = 0.5;

    private JpegBaseline() {}

    /**
     * What a receiver decoded.
     *
     * @param image values in [0, 1], {@code [channel][row][column]}
     * @param lost whether nothing could be decoded (the image is all grey)
     * @param bytesDecoded how many bytes of the file the decoder got (up to the first lost packet)
     */
    public record Decoded(double[][][] image, boolean lost, int bytesDecoded) {}

    /**
     * The JPEG file of an image.
     *
     * @param image values in [0, 1], {@code [channel][row][column]}, one channel (grey) or three (RGB)
     * @param quality the encoder's quality in (0, 1]
     */
    public static byte[] encode(double[][][] image, float quality) {
        int channels = image.length;
        int height = image[0].length;
        int width = image[0][0].length;
        BufferedImage buffered = new BufferedImage(width, height, channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = buffered.getRaster();
        int[] pixel = new int[channels];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < channels; c++) {
                    pixel[c] = (int) Math.round(Math.max(0, Math.min(1, image[c][y][x])) * 255);
                }
                raster.setPixel(x, y, pixel);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        JPEGImageWriteParam param = new JPEGImageWriteParam(null);
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        param.setOptimizeHuffmanTables(true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(buffered, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("the JDK's JPEG encoder failed on an in-memory image", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The number of bytes before the entropy-coded scan: through the end of the first start-of-scan segment. */
    public static int headerLength(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new IllegalArgumentException("not a JPEG file (no start-of-image marker)");
        }
        int at = 2;
        while (at + 4 <= jpeg.length) {
            if ((jpeg[at] & 0xFF) != 0xFF) {
                throw new IllegalArgumentException("no marker at byte " + at + " of the JPEG header");
            }
            int marker = jpeg[at + 1] & 0xFF;
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            at += 2 + length;
            if (marker == 0xDA) {
                return at;
            }
        }
        throw new IllegalArgumentException("the JPEG file has no start-of-scan segment");
    }

    /** How many packets of {@code payload} bytes carry a file of {@code bytes} bytes. */
    public static int packets(int bytes, int payload) {
        return (bytes + payload - 1) / payload;
    }

    /**
     * What a receiver decodes when the packets flagged in {@code lost} did not arrive.
     *
     * @param jpeg the file as sent
     * @param payload bytes per packet (the last packet may be shorter)
     * @param lost one flag per packet, {@link #packets}{@code (jpeg.length, payload)} of them
     * @param channels, height, width the image's shape, for the grey a lost image decodes to
     */
    public static Decoded decode(byte[] jpeg, int payload, boolean[] lost, int channels, int height, int width) {
        if (lost.length != packets(jpeg.length, payload)) {
            throw new IllegalArgumentException(lost.length + " loss flags for " + packets(jpeg.length, payload) + " packets");
        }
        int firstLost = -1;
        for (int p = 0; p < lost.length && firstLost < 0; p++) {
            if (lost[p]) {
                firstLost = p;
            }
        }
        if (firstLost < 0) {
            return decoded(jpeg, channels, height, width, jpeg.length);
        }
        int cut = firstLost * payload;
        if (cut < headerLength(jpeg)) {
            return grey(channels, height, width, 0);
        }
        byte[] arrived = Arrays.copyOf(jpeg, cut + 2);
        arrived[cut] = (byte) 0xFF;
        arrived[cut + 1] = (byte) 0xD9; // end of image: the decoder stops here instead of reading past the gap
        return decoded(arrived, channels, height, width, cut);
    }

    private static Decoded decoded(byte[] file, int channels, int height, int width, int bytesDecoded) {
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(file))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
            try {
                reader.setInput(in);
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // The decoder gives up on what arrived (a cut inside its tables, a corrupt segment): nothing to show.
            return grey(channels, height, width, bytesDecoded);
        }
        if (image == null || image.getWidth() != width || image.getHeight() != height) {
            return grey(channels, height, width, bytesDecoded);
        }
        Raster raster = image.getRaster();
        double[][][] out = new double[channels][height][width];
        int[] pixel = new int[raster.getNumBands()];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.getPixel(x, y, pixel);
                for (int c = 0; c < channels; c++) {
                    out[c][y][x] = pixel[Math.min(c, pixel.length - 1)] / 255.0;
                }
            }
        }
        return new Decoded(out, false, bytesDecoded);
    }

    private static Decoded grey(int channels, int height, int width, int bytesDecoded) {
        double[][][] out = new double[channels][height][width];
        for (double[][] channel : out) {
            for (double[] row : channel) {
                Arrays.fill(row, GREY);
            }
        }
        return new Decoded(out, true, bytesDecoded);
    }
}
