package dev.edgewise.dsl.spec;

@Doc("The classification loss (the Starfish paper's task-aware objective, on the run's own judge): the cross-entropy of the"
        + " frozen classifier (model.classifier) on the decoded image against the image's true label. The classifier is trained"
        + " first and stays frozen; gradients flow through it into the codec. For families that reconstruct images and judge"
        + " them with a classifier (codec with model.classifier).")
@Variant("classification")
public record ClassificationTermSpec(
        @Doc("Weight of the term.") @Default("1.0") @Range(min = 0)
        double weight) implements LossTermSpec {}
