package dev.edgewise.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.edgewise.dsl.spec.QuantizationSpec;

/**
 * q-bit quantization of transmitted values, as exchange.quantization pins it: the value is bounded
 * to a fixed range (a sigmoid into [0, 1], or a clip to [-1, 1]; nothing about the range is sent),
 * then rounded to one of 2^q evenly spaced levels over it. In training the rounding is either a
 * straight-through estimator (round forward, identity backward) or additive uniform noise of one
 * level's width; at test it is always hard.
 */
public final class MessageQuantizer {

    private final int bits;
    private final QuantizationSpec.Training training;
    private final QuantizationSpec.Range range;

    public MessageQuantizer(int bits, QuantizationSpec.Training training, QuantizationSpec.Range range) {
        if (bits < 1 || bits > 16) {
            throw new IllegalArgumentException("bits must be in 1..16, got " + bits);
        }
        this.bits = bits;
        this.training = training;
        this.range = range;
    }

    /** The quantizer of a spec, or null when values go unquantized. */
    public static MessageQuantizer of(QuantizationSpec spec) {
        return spec == null || !spec.active() ? null : new MessageQuantizer(spec.bits(), spec.training(), spec.range());
    }

    /** Steps between the lowest and the highest level: 2^q - 1. */
    public int steps() {
        return (1 << bits) - 1;
    }

    /** The values as they are received: on the 2^q levels at test, or their training stand-in. */
    public NDArray apply(NDArray raw, boolean inTraining) {
        NDArray bounded = range == QuantizationSpec.Range.SIGMOID ? Activation.sigmoid(raw) : raw.clip(-1f, 1f);
        if (!inTraining) {
            return round(bounded);
        }
        return switch (training) {
            // Forward the rounded value; backward d(bounded), as if rounding were the identity.
            case STE -> bounded.add(round(bounded).sub(bounded).stopGradient());
            case NOISE -> {
                float half = 0.5f * width() / steps();
                yield bounded.add(bounded.getManager().randomUniform(-half, half, bounded.getShape()));
            }
        };
    }

    /** Rounds to the nearest of the 2^q levels spanning the range. */
    private NDArray round(NDArray bounded) {
        if (range == QuantizationSpec.Range.SIGMOID) {
            return bounded.mul(steps()).round().div(steps());
        }
        return bounded.add(1f).mul(0.5f * steps()).round().div(0.5f * steps()).sub(1f);
    }

    /** Width of the range: 1 for [0, 1], 2 for [-1, 1]. */
    private float width() {
        return range == QuantizationSpec.Range.SIGMOID ? 1f : 2f;
    }
}
