package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.QuantizationSpec;

/** {@code exchange.quantization:} q bits per transmitted value. */
public final class Quantization extends Section<Quantization> {

    Quantization(SpecNode node) {
        super(node, QuantizationSpec.class);
    }

    /** q: bits per transmitted value; null sends unquantized values. */
    public Quantization bits(Integer bits) {
        return set("bits", bits);
    }

    /** Straight-through estimator or additive uniform noise in training. */
    public Quantization training(QuantizationSpec.Training training) {
        return set("training", training);
    }

    /** The fixed range the levels span: sigmoid into [0, 1], or clip to [-1, 1]. */
    public Quantization range(QuantizationSpec.Range range) {
        return set("range", range);
    }

    /** B: any number of levels from 2, instead of {@link #bits}. */
    public Quantization levels(Integer levels) {
        return set("levels", levels);
    }
}
