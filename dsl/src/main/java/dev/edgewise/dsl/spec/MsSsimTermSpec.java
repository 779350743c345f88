package dev.edgewise.dsl.spec;

@Doc("1 - MS-SSIM between the decoded and the original image, with the task's MS-SSIM settings. For families that reconstruct"
        + " images (codec).")
@Variant("msssim")
public record MsSsimTermSpec(
        @Doc("Weight of the term.") @Default("1.0") @Range(min = 0)
        double weight) implements LossTermSpec {}
