package dev.edgewise.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.edgewise.dsl.spec.QuantizationSpec;

/**
 * Quantization of transmitted values, as exchange.quantization pins it: the value is bounded to a
 * fixed range (a sigmoid into [0, 1], or a clip to [-1, 1]; nothing about the range is sent), then
 * rounded to one of L evenly spaced levels over it (L = 2^q, or any count given as levels). In training the rounding is either a
 * straight-through estimator (round forward, identity backward) or additive uniform noise of one
 * level's width; at test it is always hard.
 */
public final class MessageQuantizer {

    private final int levels;
    private final QuantizationSpec.Training training;
    private final QuantizationSpec.Range range;

    /** @param levels L, from 2 to 65,536 */
    public MessageQuantizer(int levels, QuantizationSpec.Training training, QuantizationSpec.Range range) {
        if (levels < 2 || levels > 65_536) {
            throw new IllegalArgumentException("levels must be in 2..65536, got " + levels);
        }
        this.levels = levels;
        this.training = training;
        this.range = range;
    }

    /** The quantizer of a spec, or null when values go unquantized. */
    public static MessageQuantizer of(QuantizationSpec spec) {
        return spec == null || !spec.active() ? null : new MessageQuantizer(spec.levelCount(), spec.training(), spec.range());
    }

    /** Steps between the lowest and the highest level: L - 1. */
    public int steps() {
        return levels - 1;
    }

    /**
     * The level index (0 to L - 1) of each value as the receiver gets it at test: what an entropy
     * coder codes. {@code received} must come from {@link #apply} with training off.
     */
    public int[] levelIndices(float[] received) {
        int[] indices = new int[received.length];
        float scale = range == QuantizationSpec.Range.SIGMOID ? steps() : 0.5f * steps();
        float offset = range == QuantizationSpec.Range.SIGMOID ? 0f : 1f;
        for (int i = 0; i < received.length; i++) {
            indices[i] = Math.round((received[i] + offset) * scale);
        }
        return indices;
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

    /** Rounds to the nearest of the L levels spanning the range. */
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
