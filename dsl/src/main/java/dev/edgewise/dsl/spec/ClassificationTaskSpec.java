package dev.edgewise.dsl.spec;

@Doc("Output one score per class of the sample's label (softmax cross-entropy); scored by top-1 accuracy.")
@Variant("classification")
public record ClassificationTaskSpec() implements TaskSpec {}
