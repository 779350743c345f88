package dev.edgewise.dsl.spec;

@Doc("Pretraining as a classifier (extractor + dense features->classes), with SGD and momentum.")
public record PretrainSpec(
        @Doc("Epochs over the training items; 0 skips pretraining.") @Default("4") @Range(min = 0, max = 1000)
        int epochs,
        @Doc("SGD learning rate.") @Default("0.01") @Range(min = 0)
        double learningRate,
        @Doc("SGD momentum.") @Default("0.5") @Range(min = 0, max = 1)
        double momentum,
        @Doc("Mini-batch size.") @Default("64") @Range(min = 1, max = 65536)
        int batchSize) {}
