package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.ExchangeSpec;
import java.util.function.Consumer;

/** {@code exchange:} what crosses the links, round by round. */
public final class Exchange extends Section<Exchange> {

    Exchange(SpecNode node) {
        super(node, ExchangeSpec.class);
    }

    /** R: communication rounds per sample. */
    public Exchange rounds(int rounds) {
        return set("rounds", rounds);
    }

    /** v: values in one message. */
    public Exchange messageSize(int values) {
        return set("message_size", values);
    }

    public Exchange gate(ExchangeSpec.Gate gate) {
        return set("gate", gate);
    }

    public Exchange aggregation(ExchangeSpec.Aggregation aggregation) {
        return set("aggregation", aggregation);
    }

    /** Bits per message value on the air. */
    public Exchange bits(int bits) {
        return set("bits", bits);
    }

    /** peer (the C-RNN) or upward (split inference); null means peer. */
    public Exchange kind(ExchangeSpec.Kind kind) {
        return set("kind", kind);
    }

    public Exchange quantization(Consumer<Quantization> body) {
        return section("quantization", Quantization::new, body);
    }

    /** Upward byte accounting: direct (one hop per node) or hops (every hop to node 0); null means direct. */
    public Exchange route(ExchangeSpec.Route route) {
        return set("route", route);
    }
}
