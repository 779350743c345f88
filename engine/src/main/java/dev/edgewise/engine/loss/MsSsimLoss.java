package dev.edgewise.engine.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;

/**
 * MS-SSIM built from engine ops, so a codec can be trained on it: the same computation as
 * {@link MsSsim} (TensorFlow's {@code ssim_multiscale}), with the Gaussian window as a depthwise
 * convolution and the 2x2 average pool between scales. One difference, for the gradient only:
 * each factor is clamped at 1e-6 instead of 0 before it is raised to its weight (< 1), whose
 * derivative at 0 is infinite; values that small mean the images share nothing at that scale.
 */
public final class MsSsimLoss {

    private static final float K1 = 0.01f;
    private static final float K2 = 0.03f;
    private static final float FLOOR = 1e-6f;

    private final double[] weights;
    private final int window;
    private final double sigma;

    /** The standard five scales and 11x11 window with sigma 1.5. */
    public MsSsimLoss() {
        this(MsSsim.STANDARD_WEIGHTS, 11, 1.5);
    }

    public MsSsimLoss(double[] weights, int window, double sigma) {
        this.weights = weights.clone();
        this.window = window;
        this.sigma = sigma;
    }

    /**
     * MS-SSIM per image.
     *
     * @param x images {@code (B, C, H, W)}, values in [0, 1]
     * @param y images of the same shape
     * @return {@code (B)}: the mean over channels of each image's MS-SSIM
     */
    public NDArray msSsim(NDArray x, NDArray y) {
        long channels = x.getShape().get(1);
        NDManager manager = x.getManager();
        double[] g = MsSsim.gaussian(window, sigma);
        float[] kernel = new float[(int) channels * window * window];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < g.length; i++) {
                kernel[c * g.length + i] = (float) g[i];
            }
        }
        NDArray weight = manager.create(kernel, new Shape(channels, 1, window, window));
        float c1 = K1 * K1;
        float c2 = K2 * K2;
        NDArray product = null;
        NDArray a = x;
        NDArray b = y;
        for (int scale = 0; scale < weights.length; scale++) {
            NDArray mx = blur(a, weight, channels);
            NDArray my = blur(b, weight, channels);
            NDArray xy = blur(a.mul(b), weight, channels);
            NDArray squares = blur(a.square().add(b.square()), weight, channels);
            NDArray num0 = mx.mul(my).mul(2);
            NDArray den0 = mx.square().add(my.square());
            NDArray contrast = xy.mul(2).sub(num0).add(c2).div(squares.sub(den0).add(c2));
            boolean last = scale == weights.length - 1;
            NDArray factor = last ? num0.add(c1).div(den0.add(c1)).mul(contrast) : contrast;
            NDArray mean = factor.mean(new int[] {2, 3}).maximum(FLOOR).pow((float) weights[scale]);
            product = product == null ? mean : product.mul(mean);
            if (!last) {
                a = halve(a);
                b = halve(b);
            }
        }
        return product.mean(new int[] {1});
    }

    /** The loss: 1 - MS-SSIM, averaged over the batch. */
    public NDArray loss(NDArray x, NDArray y) {
        return msSsim(x, y).mean().neg().add(1);
    }

    private static NDArray blur(NDArray images, NDArray weight, long channels) {
        return Conv2d.conv2d(images, weight, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), (int) channels).singletonOrThrow();
    }

    /** 2x2 average pool after repeating the last row or column of an odd side, as {@link MsSsim#halve}. */
    private static NDArray halve(NDArray images) {
        NDArray padded = images;
        if (padded.getShape().get(2) % 2 == 1) {
            padded = padded.concat(padded.get(":, :, -1:, :"), 2);
        }
        if (padded.getShape().get(3) % 2 == 1) {
            padded = padded.concat(padded.get(":, :, :, -1:"), 3);
        }
        return Pool.avgPool2d(padded, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
    }
}
