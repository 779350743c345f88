package dev.edgewise.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.edgewise.dsl.spec.QuantizationSpec;

/**
 * q-bit quantization of transmitted values, as exchange.quantization pins it: a sigmoid bounds the
 * value to [0, 1] (a fixed range, so nothing is clipped and nothing about the range is sent), then
 * it is rounded to one of 2^q evenly spaced levels. In training the rounding is either a
 * straight-through estimator (round forward, identity backward) or additive uniform noise of one
 * level's width; at test it is always hard.
 */
public final class MessageQuantizer {

    private final int bits;
    private final QuantizationSpec.Training training;

    public MessageQuantizer(int bits, QuantizationSpec.Training training) {
        if (bits < 1 || bits > 16) {
            throw new IllegalArgumentException("bits must be in 1..16, got " + bits);
        }
        this.bits = bits;
        this.training = training;
    }

    /** The quantizer of a spec, or null when values go unquantized. */
    public static MessageQuantizer of(QuantizationSpec spec) {
        return spec == null || !spec.active() ? null : new MessageQuantizer(spec.bits(), spec.training());
    }

    /** Steps between the lowest and the highest level: 2^q - 1. */
    public int steps() {
        return (1 << bits) - 1;
    }

    /** The values as they are received: on the 2^q levels at test, or their training stand-in. */
    public NDArray apply(NDArray raw, boolean inTraining) {
        NDArray bounded = Activation.sigmoid(raw);
        if (!inTraining) {
            return round(bounded);
        }
        return switch (training) {
            // Forward the rounded value; backward d(bounded), as if rounding were the identity.
            case STE -> bounded.add(round(bounded).sub(bounded).stopGradient());
            case NOISE -> {
                float half = 0.5f / steps();
                yield bounded.add(bounded.getManager().randomUniform(-half, half, bounded.getShape()));
            }
        };
    }

    private NDArray round(NDArray bounded) {
        return bounded.mul(steps()).round().div(steps());
    }
}
