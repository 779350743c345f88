package dev.edgewise.dsl.spec;

import java.util.Objects;

/**
 * How a message value is quantized before it goes on the air. Family-agnostic: the upward family
 * uses it today; the peer family can read the same key later.
 */
@Doc("Quantization of every transmitted value to q bits (or to any number of levels): the value is bounded to a fixed range"
        + " (see 'range'; nothing about the range is learned or sent), then rounded to one of 2^q (or 'levels') evenly spaced"
        + " levels over it. Training sees a straight-through estimator or additive uniform noise; evaluation always rounds hard.")
public record QuantizationSpec(
        @Doc("q: bits per transmitted value. ~ (unset) sends unquantized values of exchange.bits bits each, without the sigmoid.")
        @Default("~") @dev.edgewise.dsl.spec.Range(min = 1, max = 16)
        Integer bits,
        @Doc("How training passes through the rounding: ste rounds in the forward pass and copies the gradient unchanged;"
                + " noise adds U(-d/2, d/2) (d = 1/(2^q - 1), the step between levels) instead of rounding.")
        @Default("ste")
        Training training,
        @Doc("The fixed range the levels span. sigmoid: a sigmoid maps any value into [0, 1] (for an unbounded layer such as"
                + " dense); clip: the value is clipped to [-1, 1] (for outputs already in it, such as an LSTM's or tanh's; the"
                + " straight-through gradient is zero outside).")
        @Default("sigmoid")
        Range range,
        @Doc("B: the number of levels (bins), any count from 2, for codecs whose bins need not be a power of two (e.g. 72)."
                + " Instead of 'bits'; a value then takes ceil(log2 B) bits on the air unless a family entropy-codes it.")
        @Default("~") @dev.edgewise.dsl.spec.Range(min = 2, max = 65_536)
        Integer levels) {

    public QuantizationSpec {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(range, "range");
        if (bits != null && levels != null) {
            throw new FieldException("levels", "'bits' and 'levels' both set the number of levels", "keep one: levels: B, or bits: q for 2^q levels");
        }
    }

    /** Whether values are quantized at all. */
    public boolean active() {
        return bits != null || levels != null;
    }

    /** The number of levels: 2^q, or 'levels'; 0 when values are not quantized. */
    public int levelCount() {
        return bits != null ? 1 << bits : levels != null ? levels : 0;
    }

    /** Bits one value takes on the air when sent as is: q, or ceil(log2 B); null when values are not quantized. */
    public Integer bitsOnAir() {
        if (bits != null) {
            return bits;
        }
        return levels == null ? null : 32 - Integer.numberOfLeadingZeros(levels - 1);
    }

    public enum Range implements SpecEnum {
        SIGMOID,
        CLIP
    }

    public enum Training implements SpecEnum {
        STE,
        NOISE
    }
}
