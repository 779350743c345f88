package dev.edgewise.engine.loss;

/**
 * Multi-scale structural similarity (Wang, Simoncelli and Bovik, 2003) exactly as
 * {@code tf.image.ssim_multiscale} computes it, which is what the Starfish paper reports: per
 * channel, an 11x11 Gaussian window (sigma 1.5, VALID), K1 = 0.01, K2 = 0.03 for values in
 * [0, {@code maxValue}], five scales with weights 0.0448, 0.2856, 0.3001, 0.2363, 0.1333, a 2x2
 * average pool between scales (after a symmetric one-pixel pad of an odd side), contrast-structure
 * at every scale but the last, full SSIM at the last, each clipped at 0 and raised to its weight;
 * then the mean over channels.
 *
 * <p>This is the evaluation metric in plain Java (double precision). The smallest image the
 * standard five scales accept is 161x161 ((11 - 1) x 2^4 + 1); smaller images need fewer scales
 * or a smaller window, which {@link #MsSsim(double[], int, double)} allows and a spec must pin.
 */
public final class MsSsim {

    /** The five weights of the paper (and TensorFlow's default). */
    public static final double[] STANDARD_WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};
    private static final double K1 = 0.01;
    private static final double K2 = 0.03;

    private final double[] weights;
    private final int window;
    private final double[] kernel;

    /** The standard five scales and 11x11 window with sigma 1.5. */
    public MsSsim() {
        this(STANDARD_WEIGHTS, 11, 1.5);
    }

    /**
     * @param weights one exponent per scale, finest first
     * @param window the Gaussian window's side in pixels
     * @param sigma the Gaussian's standard deviation in pixels
     */
    public MsSsim(double[] weights, int window, double sigma) {
        if (weights.length == 0 || window < 1) {
            throw new IllegalArgumentException("MS-SSIM needs at least one scale and a window of at least 1 pixel");
        }
        this.weights = weights.clone();
        this.window = window;
        this.kernel = gaussian(window, sigma);
    }

    /** The smallest side an image may have for these scales and this window. */
    public int minimumSide() {
        return (window - 1) * (1 << (weights.length - 1)) + 1;
    }

    /**
     * MS-SSIM of two images of the same shape.
     *
     * @param x values {@code [channel][row][column]}
     * @param y values of the same shape
     * @param maxValue the dynamic range (1 for values in [0, 1])
     */
    public double of(double[][][] x, double[][][] y, double maxValue) {
        if (x.length != y.length || x[0].length != y[0].length || x[0][0].length != y[0][0].length) {
            throw new IllegalArgumentException("images of different shapes");
        }
        int height = x[0].length;
        int width = x[0][0].length;
        if (Math.min(height, width) < minimumSide()) {
            throw new IllegalArgumentException(height + "x" + width + " is too small for " + weights.length + " scales with a " + window
                    + "-pixel window: each side must be at least " + minimumSide());
        }
        double c1 = (K1 * maxValue) * (K1 * maxValue);
        double c2 = (K2 * maxValue) * (K2 * maxValue);
        double sum = 0;
        for (int c = 0; c < x.length; c++) {
            double[][] a = x[c];
            double[][] b = y[c];
            double product = 1;
            for (int scale = 0; scale < weights.length; scale++) {
                double[] ssimAndCs = ssimAndCs(a, b, c1, c2);
                boolean last = scale == weights.length - 1;
                product *= Math.pow(Math.max(0, last ? ssimAndCs[0] : ssimAndCs[1]), weights[scale]);
                if (!last) {
                    a = halve(a);
                    b = halve(b);
                }
            }
            sum += product;
        }
        return sum / x.length;
    }

    /** The means over the VALID window positions of luminance x contrast-structure, and of contrast-structure. */
    private double[] ssimAndCs(double[][] x, double[][] y, double c1, double c2) {
        int rows = x.length - window + 1;
        int cols = x[0].length - window + 1;
        double ssim = 0;
        double cs = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double mx = 0, my = 0, xy = 0, squares = 0;
                for (int u = 0; u < window; u++) {
                    for (int v = 0; v < window; v++) {
                        double k = kernel[u * window + v];
                        double a = x[i + u][j + v];
                        double b = y[i + u][j + v];
                        mx += k * a;
                        my += k * b;
                        xy += k * a * b;
                        squares += k * (a * a + b * b);
                    }
                }
                // TensorFlow's arrangement of the same quantities (its _ssim_helper), so rounding agrees with it.
                double num0 = 2 * mx * my;
                double den0 = mx * mx + my * my;
                double luminance = (num0 + c1) / (den0 + c1);
                double contrast = (2 * xy - num0 + c2) / (squares - den0 + c2);
                ssim += luminance * contrast;
                cs += contrast;
            }
        }
        int n = rows * cols;
        return new double[] {ssim / n, cs / n};
    }

    /** 2x2 average pool, stride 2; an odd side is first padded by repeating its last row or column (TensorFlow's SYMMETRIC pad). */
    static double[][] halve(double[][] image) {
        int height = image.length;
        int width = image[0].length;
        int rows = (height + 1) / 2;
        int cols = (width + 1) / 2;
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int i1 = Math.min(2 * i + 1, height - 1);
                int j1 = Math.min(2 * j + 1, width - 1);
                out[i][j] = (image[2 * i][2 * j] + image[2 * i][j1] + image[i1][2 * j] + image[i1][j1]) / 4;
            }
        }
        return out;
    }

    /** The normalised 2-D Gaussian, row-major, as TensorFlow's _fspecial_gauss builds it. */
    public static double[] gaussian(int size, double sigma) {
        double[] g = new double[size * size];
        double total = 0;
        for (int u = 0; u < size; u++) {
            for (int v = 0; v < size; v++) {
                double du = u - (size - 1) / 2.0;
                double dv = v - (size - 1) / 2.0;
                g[u * size + v] = Math.exp(-0.5 * (du * du + dv * dv) / (sigma * sigma));
                total += g[u * size + v];
            }
        }
        for (int i = 0; i < g.length; i++) {
            g[i] /= total;
        }
        return g;
    }
}
