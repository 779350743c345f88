package dev.edgewise.dsl.spec;

@Doc("Reproduce the input image at the receiver. Scored by MSE, PSNR and MS-SSIM (TensorFlow's ssim_multiscale: Gaussian"
        + " window, K1 = 0.01, K2 = 0.03, the first 'msssim_scales' of the weights 0.0448, 0.2856, 0.3001, 0.2363, 0.1333,"
        + " renormalised to sum to 1 when fewer than five); the task loss is MSE.")
@Variant("reconstruction")
public record ReconstructionTaskSpec(
        @Doc("MS-SSIM scales (5 in the paper); each side of an image must be at least (window - 1) 2^(scales - 1) + 1 pixels.")
        @Default("5") @Range(min = 1, max = 5)
        int msssimScales,
        @Doc("Side of MS-SSIM's Gaussian window in pixels (11 in the paper; smaller for small images).")
        @Default("11") @Range(min = 1, max = 11)
        int msssimWindow) implements TaskSpec {

    /** The smallest image side the MS-SSIM settings accept. */
    public int minimumSide() {
        return (msssimWindow - 1) * (1 << (msssimScales - 1)) + 1;
    }
}
