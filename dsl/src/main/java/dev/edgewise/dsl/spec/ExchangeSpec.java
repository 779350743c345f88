package dev.edgewise.dsl.spec;

import java.util.Objects;

@Doc("What crosses the links. kind peer: gated latent messages between neighbours over R rounds (the C-RNN);"
        + " kind upward: one pass from the sensor nodes to a base station (split inference).")
public record ExchangeSpec(
        @Doc("R: communication rounds per sample (the input is held for all rounds).") @Default("5") @Range(min = 1, max = 1000)
        int rounds,
        @Doc("v: values in one message.") @Default("2") @Range(min = 1, max = 4096)
        int messageSize,
        @Doc("When a node transmits: relu sends iff the ReLU-gated message is not all zero; always sends every round.")
        @Default("relu")
        Gate gate,
        @Doc("How a node combines the messages it hears (silent or cut-off neighbours count as absent).")
        @Default("max")
        Aggregation aggregation,
        @Doc("Bits per unquantized message value on the air (for byte accounting; 32 for float32).") @Default("16") @Range(min = 1, max = 64)
        int bits,
        @Doc("peer: rounds of messages between neighbours (rounds, gate and aggregation apply); upward: every node sends"
                + " message_size values once to a base station that runs model.roles.base. Unset: peer.")
        @Default("~")
        Kind kind,
        @Doc("Quantization of transmitted values. Unset: values go unquantized at 'bits' bits each.")
        @Default("~")
        QuantizationSpec quantization,
        @Doc("upward: how bytes are counted on the way to the base station. direct: one hop per node; hops: the base station"
                + " sits at node 0 and a node's message is counted once per hop of the shortest path to it (node 0's own: 0 hops)."
                + " Unset: direct.")
        @Default("~")
        Route route) {

    public ExchangeSpec {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(aggregation, "aggregation");
    }

    /** The kind, with the default spelled out. */
    public Kind kindOrPeer() {
        return kind == null ? Kind.PEER : kind;
    }

    /** The route, with the default spelled out. */
    public Route routeOrDirect() {
        return route == null ? Route.DIRECT : route;
    }

    /** q, or null when values are sent unquantized. */
    public Integer quantizedBits() {
        return quantization == null ? null : quantization.bits();
    }

    public enum Kind implements SpecEnum {
        PEER,
        UPWARD
    }

    public enum Route implements SpecEnum {
        DIRECT,
        HOPS
    }

    public enum Gate implements SpecEnum {
        RELU,
        ALWAYS
    }

    public enum Aggregation implements SpecEnum {
        MAX,
        MEAN,
        SUM
    }
}
