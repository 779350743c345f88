package dev.edgewise.dsl.spec;

import java.util.Objects;

@Doc("One pass upward: every sensor node sends message_size values once to a base station.")
@Variant("upward")
public record UpwardExchangeSpec(
        @Doc("v: values each node sends.") @Default("2") @Range(min = 1, max = 1_000_000)
        int messageSize,
        @Doc("Bits per unquantized value on the air (32 for float32).") @Default("16") @Range(min = 1, max = 64)
        int bits,
        @Doc("Quantization of transmitted values. Unset: values go unquantized at 'bits' bits each.")
        @Default("~")
        QuantizationSpec quantization,
        @Doc("How bytes are counted on the way to the base station. direct: one hop per node; hops: the base station sits at"
                + " node 0 and a node's message is counted once per hop of the shortest path to it (node 0's own: 0 hops).")
        @Default("direct")
        Route route,
        @Doc("What the base station does with a node output that did not arrive (lost link or silent node). zero: it reads"
                + " zeros in its place; drop: zeros, and the outputs that did arrive scaled by N / arrived (as inverted dropout"
                + " keeps the base's input at its usual size). With packet links, the values of a lost packet are zeros.")
        @Default("zero")
        Lost lost) implements ExchangeSpec {

    public UpwardExchangeSpec {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(lost, "lost");
    }

    @Override
    public Integer quantizedBits() {
        return quantization == null ? null : quantization.bitsOnAir();
    }

    public enum Route implements SpecEnum {
        DIRECT,
        HOPS
    }

    public enum Lost implements SpecEnum {
        ZERO,
        DROP
    }
}
