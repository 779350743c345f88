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
     * @param accuracy the frozen classifier's accuracy on the decoded images; NaN without one
     * @param perceptual the frozen classifier's perceptual distance, decoded against original; NaN without one
     */
    record Point(double quality, double bytes, double header, double msSsim, double accuracy, double perceptual) {

        /** A point measured without a classifier. */
        Point(double quality, double bytes, double header, double msSsim) {
            this(quality, bytes, header, msSsim, Double.NaN, Double.NaN);
        }
    }

    JpegCurve {
        points = points.stream().sorted(Comparator.comparingDouble(Point::quality)).toList();
    }

    /** The curve of {@code images} ({@code [channel][row][column]} in [0, 1]) at each of {@code qualities}. */
    static JpegCurve measure(List<double[][][]> images, List<Double> qualities, MsSsim msSsim) {
        return measure(images, qualities, msSsim, null, null);
    }

    /**
     * The same, and with a classifier also its accuracy on JPEG's decoded images ({@code labels}, one
     * per image) and their perceptual distance to the originals.
     */
    static JpegCurve measure(List<double[][][]> images, List<Double> qualities, MsSsim msSsim, FrozenClassifier classifier, int[] labels) {
        List<Point> points = new ArrayList<>();
        int pixels = images.isEmpty() ? 0 : images.get(0).length * images.get(0)[0].length * images.get(0)[0][0].length;
        float[] originals = classifier != null ? flat(images, pixels) : null;
        for (double quality : qualities) {
            double bytes = 0;
            double header = 0;
            double score = 0;
            List<double[][][]> decodedImages = new ArrayList<>();
            for (double[][][] image : images) {
                byte[] jpeg = JpegBaseline.encode(image, (float) quality);
                boolean[] none = new boolean[JpegBaseline.packets(jpeg.length, jpeg.length)];
                JpegBaseline.Decoded decoded = JpegBaseline.decode(jpeg, jpeg.length, none, image.length, image[0].length, image[0][0].length);
                bytes += jpeg.length;
                header += JpegBaseline.headerLength(jpeg);
                score += msSsim.of(image, decoded.image(), 1);
                if (classifier != null) {
                    decodedImages.add(decoded.image());
                }
            }
            int n = images.size();
            double accuracy = Double.NaN;
            double perceptual = Double.NaN;
            if (classifier != null) {
                FrozenClassifier.Tally tally = classifier.tally();
                tally.add(originals, flat(decodedImages, pixels), labels, n);
                accuracy = tally.accuracy();
                perceptual = tally.perceptualDistance();
            }
            points.add(new Point(quality, bytes / n, header / n, score / n, accuracy, perceptual));
        }
        return new JpegCurve(points);
    }

    private static float[] flat(List<double[][][]> images, int pixels) {
        float[] out = new float[images.size() * pixels];
        int k = 0;
        for (double[][][] image : images) {
            for (double[][] channel : image) {
                for (double[] row : channel) {
                    for (double value : row) {
                        out[k++] = (float) value;
                    }
                }
            }
        }
        return out;
    }

    /** JPEG's whole-file bytes at {@code target} MS-SSIM, or empty outside the curve. */
    OptionalDouble bytesAt(double target) {
        return at(Point::msSsim, target, false);
    }

    /** JPEG's scan bytes (the file without its header) at {@code target} MS-SSIM, or empty outside the curve. */
    OptionalDouble scanBytesAt(double target) {
        return at(Point::msSsim, target, true);
    }

    /** JPEG's bytes (whole file, or scan only) at {@code target} of {@code measure}, or empty outside the curve. */
    OptionalDouble bytesAt(java.util.function.ToDoubleFunction<Point> measure, double target, boolean scanOnly) {
        return at(measure, target, scanOnly);
    }

    /**
     * The first pair of neighbouring qualities, from the lowest, whose MS-SSIM brackets the target:
     * MS-SSIM is not strictly monotone in quality at the low end (two qualities can quantise alike),
     * and the cheapest file that reaches the target is the fair one.
     */
    private OptionalDouble at(java.util.function.ToDoubleFunction<Point> measure, double target, boolean scanOnly) {
        for (int i = 0; i + 1 < points.size(); i++) {
            Point a = points.get(i);
            Point b = points.get(i + 1);
            double va = measure.applyAsDouble(a);
            double vb = measure.applyAsDouble(b);
            double low = Math.min(va, vb);
            double high = Math.max(va, vb);
            // Also false for NaN (a measure this curve was not taken with).
            if (!(target >= low && target <= high)) {
                continue;
            }
            double bytesA = scanOnly ? a.bytes() - a.header() : a.bytes();
            double bytesB = scanOnly ? b.bytes() - b.header() : b.bytes();
            if (high == low) {
                return OptionalDouble.of(Math.min(bytesA, bytesB));
            }
            double t = (target - va) / (vb - va);
            return OptionalDouble.of(bytesA + t * (bytesB - bytesA));
        }
        return OptionalDouble.empty();
    }
}
