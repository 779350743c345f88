package dev.edgewise.engine.family.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.engine.loss.MsSsim;
import dev.edgewise.engine.loss.MsSsimTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The efficiency arithmetic: JPEG's bytes at a given MS-SSIM, read off its measured curve. */
class JpegCurveTest {

    private static final JpegCurve CURVE = new JpegCurve(List.of(
            // Given out of order: the curve sorts by quality.
            new JpegCurve.Point(0.5, 400, 150, 0.98),
            new JpegCurve.Point(0.1, 200, 140, 0.90),
            new JpegCurve.Point(0.2, 300, 145, 0.94)));

    @Test
    void bytesAreInterpolatedLinearlyBetweenTheBracketingQualities() {
        // 0.92 is halfway from 0.90 (200 bytes) to 0.94 (300 bytes).
        assertEquals(250, CURVE.bytesAt(0.92).getAsDouble(), 1e-9);
        // Scan only: 60 + (155 - 60) / 2.
        assertEquals(107.5, CURVE.scanBytesAt(0.92).getAsDouble(), 1e-9);
        assertEquals(200, CURVE.bytesAt(0.90).getAsDouble(), 1e-9);
        assertEquals(400, CURVE.bytesAt(0.98).getAsDouble(), 1e-9);
    }

    @Test
    void outsideTheMeasuredCurveThereIsNoAnswer() {
        assertTrue(CURVE.bytesAt(0.85).isEmpty(), "below JPEG's lowest quality");
        assertTrue(CURVE.bytesAt(0.99).isEmpty(), "above the highest measured");
    }

    @Test
    void whereQualityIsNotMonotoneTheCheapestCrossingCounts() {
        // Two low qualities that quantise alike (the same MS-SSIM), then a dip: the first bracket from the cheap end wins.
        JpegCurve flat = new JpegCurve(List.of(new JpegCurve.Point(0.01, 199, 168, 0.875), new JpegCurve.Point(0.02, 200, 168, 0.875),
                new JpegCurve.Point(0.03, 204, 169, 0.892)));
        assertEquals(199, flat.bytesAt(0.875).getAsDouble(), 1e-9);
        assertEquals(202, flat.bytesAt(0.8835).getAsDouble(), 1e-9);
    }

    @Test
    void aMeasuredCurveRisesWithQualityOnRealImages() {
        List<double[][][]> images = List.of(MsSsimTest.texture(1, 32, 32, 3), MsSsimTest.texture(1, 32, 32, 4));
        JpegCurve curve = JpegCurve.measure(images, List.of(0.9, 0.05), new MsSsim(new double[] {0.5, 0.5}, 7, 1.5));
        JpegCurve.Point low = curve.points().get(0);
        JpegCurve.Point high = curve.points().get(1);
        assertEquals(0.05, low.quality());
        assertTrue(high.bytes() > low.bytes(), high.bytes() + " bytes at 0.9, " + low.bytes() + " at 0.05");
        assertTrue(high.msSsim() > low.msSsim() && high.msSsim() <= 1, "MS-SSIM " + low.msSsim() + " -> " + high.msSsim());
        assertTrue(low.header() > 100 && low.header() < low.bytes(), low.header() + " header bytes");
    }

    @Test
    void aClassifierMeasureIsReadOffTheSameCurveInEitherDirection() {
        // Accuracy rises with quality, the perceptual distance falls: both are bracketed the same way, cheapest first.
        JpegCurve judged = new JpegCurve(List.of(new JpegCurve.Point(0.1, 200, 140, 0.90, 0.70, 0.30),
                new JpegCurve.Point(0.2, 300, 145, 0.94, 0.80, 0.10), new JpegCurve.Point(0.5, 400, 150, 0.98, 0.78, 0.02)));
        assertEquals(250, judged.bytesAt(JpegCurve.Point::accuracy, 0.75, false).getAsDouble(), 1e-9);
        // 0.79 is also between 0.2 and 0.5 (the accuracy dips after 0.2), but the cheaper crossing, from 0.1 to 0.2, counts.
        assertEquals(290, judged.bytesAt(JpegCurve.Point::accuracy, 0.79, false).getAsDouble(), 1e-9);
        assertEquals(250, judged.bytesAt(JpegCurve.Point::perceptual, 0.20, false).getAsDouble(), 1e-9);
        assertEquals(107.5, judged.bytesAt(JpegCurve.Point::perceptual, 0.20, true).getAsDouble(), 1e-9);
        assertTrue(judged.bytesAt(JpegCurve.Point::perceptual, 0.40, false).isEmpty(), "worse than JPEG's lowest quality");
        assertTrue(CURVE.bytesAt(JpegCurve.Point::accuracy, 0.75, false).isEmpty(), "a curve measured without a classifier has no accuracy");
    }
}
