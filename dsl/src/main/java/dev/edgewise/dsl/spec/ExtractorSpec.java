package dev.edgewise.dsl.spec;

import java.util.Objects;

@Doc("The per-node CNN: conv 1->10 5x5, maxpool, ReLU, conv 10->20 5x5, dropout, maxpool, ReLU, dense 320->features.")
public record ExtractorSpec(
        @Doc("Rate of channel dropout (whole feature maps, like PyTorch's Dropout2d) after the second convolution; training only.") @Default("0.5") @Range(min = 0, max = 0.95)
        double dropout,
        @Doc("Pretraining of the extractor as a digit classifier before end-to-end training.") PretrainSpec pretrain,
        @Doc("Whether end-to-end training also updates the extractor (false freezes it after pretraining).")
        @Default("true")
        boolean trainable) {

    public ExtractorSpec {
        Objects.requireNonNull(pretrain, "pretrain");
    }
}
