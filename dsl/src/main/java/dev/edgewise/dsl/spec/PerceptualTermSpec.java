package dev.edgewise.dsl.spec;

@Doc("The perceptual loss (the Starfish paper's VGG feature loss, on the run's own judge): the mean squared difference of the"
        + " frozen classifier's hidden activations (model.classifier) on the decoded and on the original image. The classifier"
        + " is trained first and stays frozen; gradients flow through it into the codec. For families that reconstruct images"
        + " and judge them with a classifier (codec with model.classifier).")
@Variant("perceptual")
public record PerceptualTermSpec(
        @Doc("Weight of the term.") @Default("1.0") @Range(min = 0)
        double weight) implements LossTermSpec {}
