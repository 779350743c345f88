package dev.edgewise.catalog.data.files;

import dev.edgewise.dsl.spec.ImageFolderSpec;

/**
 * Resampling of a grey image to a pinned size. Pixel centres are aligned (a source pixel x maps
 * to (x + 0.5) * scale - 0.5), edges are clamped; bicubic is Keys' kernel with a = -0.5, the
 * common choice (OpenCV's INTER_CUBIC uses -0.75; this one keeps a constant image constant and is
 * what PIL uses). No antialiasing: shrinking by more than 2 skips pixels, as these filters do.
 */
final class Resize {

    private Resize() {}

    static void resize(float[] in, int h, int w, float[] out, int at, int rows, int cols, ImageFolderSpec.Filter filter) {
        double sy = (double) h / rows;
        double sx = (double) w / cols;
        for (int r = 0; r < rows; r++) {
            double y = (r + 0.5) * sy - 0.5;
            for (int c = 0; c < cols; c++) {
                double x = (c + 0.5) * sx - 0.5;
                double v = switch (filter) {
                    case NEAREST -> in[clamp((int) Math.floor((r + 0.5) * sy), h) * w + clamp((int) Math.floor((c + 0.5) * sx), w)];
                    case BILINEAR -> bilinear(in, h, w, y, x);
                    case BICUBIC -> bicubic(in, h, w, y, x);
                };
                out[at + r * cols + c] = (float) Math.min(1.0, Math.max(0.0, v));
            }
        }
    }

    private static double bilinear(float[] in, int h, int w, double y, double x) {
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        double fy = y - y0;
        double fx = x - x0;
        double top = (1 - fx) * at(in, h, w, y0, x0) + fx * at(in, h, w, y0, x0 + 1);
        double bottom = (1 - fx) * at(in, h, w, y0 + 1, x0) + fx * at(in, h, w, y0 + 1, x0 + 1);
        return (1 - fy) * top + fy * bottom;
    }

    private static double bicubic(float[] in, int h, int w, double y, double x) {
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        double sum = 0;
        for (int j = -1; j <= 2; j++) {
            double wy = keys(y - (y0 + j));
            for (int i = -1; i <= 2; i++) {
                sum += wy * keys(x - (x0 + i)) * at(in, h, w, y0 + j, x0 + i);
            }
        }
        return sum;
    }

    /** Keys' cubic convolution kernel, a = -0.5. */
    static double keys(double t) {
        double a = -0.5;
        t = Math.abs(t);
        if (t <= 1) {
            return ((a + 2) * t - (a + 3)) * t * t + 1;
        }
        if (t < 2) {
            return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a;
        }
        return 0;
    }

    private static float at(float[] in, int h, int w, int y, int x) {
        return in[clamp(y, h) * w + clamp(x, w)];
    }

    private static int clamp(int v, int size) {
        return v < 0 ? 0 : v >= size ? size - 1 : v;
    }
}
