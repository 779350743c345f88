package dev.edgewise.dsl.spec;

import java.util.Objects;

/**
 * How a model's weights are stored on its device. Family-neutral: any family's spec may carry it,
 * and the engine's weight quantization applies it to any network's parameters.
 */
@Doc("How the weights are stored on the device: 32 (float32), 16 (IEEE fp16), 8 or 4 (symmetric integers, one float32 scale"
        + " per tensor or per output channel). Biases stay float32. ptq rounds the trained weights once; qat trains with the"
        + " weights rounded in every forward pass (float shadow weights take the updates: a straight-through estimator).")
public record WeightsSpec(
        @Doc("Bits per stored weight: 32, 16, 8 or 4.") @Default("32") @Range(min = 4, max = 32)
        int bits,
        @Doc("ptq: quantize after training; qat: quantization-aware training.") @Default("ptq")
        Method method,
        @Doc("Integer scales: one per tensor, or one per output channel (row of the weight matrix).") @Default("tensor")
        Scales scales) {

    /** Float32 weights, nothing rounded. */
    public static final WeightsSpec FLOAT32 = new WeightsSpec(32, Method.PTQ, Scales.TENSOR);

    public WeightsSpec {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(scales, "scales");
        if (bits != 32 && bits != 16 && bits != 8 && bits != 4) {
            throw new FieldException("bits", "weights are stored at 32, 16, 8 or 4 bits, not " + bits, "use 32, 16, 8 or 4");
        }
    }

    public enum Method implements SpecEnum {
        PTQ,
        QAT
    }

    public enum Scales implements SpecEnum {
        TENSOR,
        CHANNEL
    }
}
