package dev.edgewise.engine.family.codec;

import dev.edgewise.engine.loss.MsSsim;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * JPEG's rate-quality curve on a set of images, measured without loss: at each quality the mean
 * file bytes, header bytes and MS-SSIM. It answers the paper's efficiency question, "how many bytes
 * does JPEG need for the quality the codec reached", by linear interpolation between the two
 * measured qualities whose MS-SSIM brackets the codec's; outside the measured range there is no
 * answer, since extrapolating a curve that flattens at both ends would invent a number.
 */
record JpegCurve(List<Point> points) {

    /**
     * One quality's mean over the images.
     *
     * @param header bytes before the scan data (tables, frame and scan headers)
     */
    record Point(double quality, double bytes, double header, double msSsim) {}

    JpegCurve {
        points = points.stream().sorted(Comparator.comparingDouble(Point::quality)).toList();
    }

    /** The curve of {@code images} ({@code [channel][row][column]} in [0, 1]) at each of {@code qualities}. */
    static JpegCurve measure(List<double[][][]> images, List<Double> qualities, MsSsim msSsim) {
        List<Point> points = new ArrayList<>();
        for (double quality : qualities) {
            double bytes = 0;
            double header = 0;
            double score = 0;
            for (double[][][] image : images) {
                byte[] jpeg = JpegBaseline.encode(image, (float) quality);
                boolean[] none = new boolean[JpegBaseline.packets(jpeg.length, jpeg.length)];
                JpegBaseline.Decoded decoded = JpegBaseline.decode(jpeg, jpeg.length, none, image.length, image[0].length, image[0][0].length);
                bytes += jpeg.length;
                header += JpegBaseline.headerLength(jpeg);
                score += msSsim.of(image, decoded.image(), 1);
            }
            int n = images.size();
            points.add(new Point(quality, bytes / n, header / n, score / n));
        }
        return new JpegCurve(points);
    }

    /** JPEG's whole-file bytes at {@code target} MS-SSIM, or empty outside the curve. */
    OptionalDouble bytesAt(double target) {
        return at(target, false);
    }

    /** JPEG's scan bytes (the file without its header) at {@code target} MS-SSIM, or empty outside the curve. */
    OptionalDouble scanBytesAt(double target) {
        return at(target, true);
    }

    /**
     * The first pair of neighbouring qualities, from the lowest, whose MS-SSIM brackets the target:
     * MS-SSIM is not strictly monotone in quality at the low end (two qualities can quantise alike),
     * and the cheapest file that reaches the target is the fair one.
     */
    private OptionalDouble at(double target, boolean scanOnly) {
        for (int i = 0; i + 1 < points.size(); i++) {
            Point a = points.get(i);
            Point b = points.get(i + 1);
            double low = Math.min(a.msSsim(), b.msSsim());
            double high = Math.max(a.msSsim(), b.msSsim());
            if (target < low || target > high) {
                continue;
            }
            double bytesA = scanOnly ? a.bytes() - a.header() : a.bytes();
            double bytesB = scanOnly ? b.bytes() - b.header() : b.bytes();
            if (high == low) {
                return OptionalDouble.of(Math.min(bytesA, bytesB));
            }
            double t = (target - a.msSsim()) / (b.msSsim() - a.msSsim());
            return OptionalDouble.of(bytesA + t * (bytesB - bytesA));
        }
        return OptionalDouble.empty();
    }
}
