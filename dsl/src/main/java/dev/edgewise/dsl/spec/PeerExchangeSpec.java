package dev.edgewise.dsl.spec;

import java.util.Objects;

@Doc("Rounds of gated messages between neighbours: in each round every node may broadcast message_size values to the"
        + " nodes that hear it, and combines what it hears.")
@Variant("peer")
public record PeerExchangeSpec(
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
        @Doc("Bits per message value on the air (for byte accounting; 32 for float32).") @Default("16") @Range(min = 1, max = 64)
        int bits,
        @Doc("A learned send decision, in place of the gate's (see kind logit). Unset: the gate decides when a node sends.")
        @Default("~")
        SendSpec send) implements ExchangeSpec {

    public PeerExchangeSpec {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(aggregation, "aggregation");
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
