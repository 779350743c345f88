package dev.edgewise.engine.family.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The packet-loss rules of the JPEG baseline, on the JDK's real encoder and decoder. */
class JpegBaselineTest {

    private static final int PAYLOAD = 100;
    private final double[][][] image = dev.edgewise.engine.loss.MsSsimTest.texture(3, 64, 64, 5);
    private final byte[] jpeg = JpegBaseline.encode(image, 0.9f);
    private final int packets = JpegBaseline.packets(jpeg.length, PAYLOAD);

    @Test
    void withoutLossTheImageComesBackClose() {
        JpegBaseline.Decoded decoded = JpegBaseline.decode(jpeg, PAYLOAD, new boolean[packets], 3, 64, 64);
        assertFalse(decoded.lost());
        assertEquals(jpeg.length, decoded.bytesDecoded());
        assertTrue(meanAbsoluteError(image, decoded.image(), 0, 64) < 0.02, "error " + meanAbsoluteError(image, decoded.image(), 0, 64));
    }

    @Test
    void optimisedTablesKeepTheHeaderNearThreeHundredBytes() {
        int header = JpegBaseline.headerLength(jpeg);
        assertTrue(header > 250 && header < 400, header + " header bytes");
        assertTrue(jpeg.length > header + 200, "the scan carries the image");
    }

    @Test
    void aLostHeaderPacketLosesTheImage() {
        boolean[] lost = new boolean[packets];
        lost[1] = true; // bytes 100-199: inside the tables
        JpegBaseline.Decoded decoded = JpegBaseline.decode(jpeg, PAYLOAD, lost, 3, 64, 64);
        assertTrue(decoded.lost());
        assertEquals(JpegBaseline.GREY, decoded.image()[1][40][40]);
    }

    @Test
    void theFirstLostScanPacketCutsTheRestOfTheImage() {
        int firstScanPacket = (JpegBaseline.headerLength(jpeg) + PAYLOAD - 1) / PAYLOAD + 1;
        boolean[] lost = new boolean[packets];
        lost[firstScanPacket + 1] = true;
        JpegBaseline.Decoded cut = JpegBaseline.decode(jpeg, PAYLOAD, lost, 3, 64, 64);
        lost[packets - 1] = true; // a later loss changes nothing: the scan was already cut
        JpegBaseline.Decoded cutTwice = JpegBaseline.decode(jpeg, PAYLOAD, lost, 3, 64, 64);

        assertFalse(cut.lost());
        assertEquals((firstScanPacket + 1) * PAYLOAD, cut.bytesDecoded());
        assertEquals(meanAbsoluteError(image, cut.image(), 0, 64), meanAbsoluteError(image, cutTwice.image(), 0, 64));
        // The top rows arrived and decode as without loss; the bottom rows are the decoder's grey.
        JpegBaseline.Decoded whole = JpegBaseline.decode(jpeg, PAYLOAD, new boolean[packets], 3, 64, 64);
        assertEquals(0, meanAbsoluteError(whole.image(), cut.image(), 0, 8), 1e-12);
        assertTrue(meanAbsoluteError(whole.image(), cut.image(), 56, 64) > 0.05, "the bottom rows are not the image");
    }

    private static double meanAbsoluteError(double[][][] a, double[][][] b, int fromRow, int toRow) {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < a.length; c++) {
            for (int y = fromRow; y < toRow; y++) {
                for (int x = 0; x < a[0][0].length; x++) {
                    sum += Math.abs(a[c][y][x] - b[c][y][x]);
                    n++;
                }
            }
        }
        return sum / n;
    }
}
