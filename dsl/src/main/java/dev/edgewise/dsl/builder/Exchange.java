package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.ExchangeSpec;
import dev.edgewise.dsl.spec.PeerExchangeSpec;
import dev.edgewise.dsl.spec.UpwardExchangeSpec;
import java.util.function.Consumer;

/** The kinds of {@code exchange:}, for {@link Experiment#exchange}: {@code .exchange(Exchange.peer(x -> x.rounds(5)))}. */
public final class Exchange {

    private Exchange() {}

    /** {@code kind: peer}: rounds of gated messages between neighbours (the C-RNN). */
    public static Variant<ExchangeSpec> peer(Consumer<Peer> body) {
        return Variant.of(PeerExchangeSpec.class, Peer::new, body);
    }

    /** {@code kind: upward}: one pass from the sensor nodes to a base station (split inference). */
    public static Variant<ExchangeSpec> upward(Consumer<Upward> body) {
        return Variant.of(UpwardExchangeSpec.class, Upward::new, body);
    }

    /** The keys of {@code exchange} kind peer. */
    public static final class Peer extends Section<Peer> {

        Peer(SpecNode node) {
            super(node, PeerExchangeSpec.class);
        }

        /** R: communication rounds per sample. */
        public Peer rounds(int rounds) {
            return set("rounds", rounds);
        }

        /** v: values in one message. */
        public Peer messageSize(int values) {
            return set("message_size", values);
        }

        public Peer gate(PeerExchangeSpec.Gate gate) {
            return set("gate", gate);
        }

        public Peer aggregation(PeerExchangeSpec.Aggregation aggregation) {
            return set("aggregation", aggregation);
        }

        /** Bits per message value on the air. */
        public Peer bits(int bits) {
            return set("bits", bits);
        }

        /** A learned send decision in place of the gate's, e.g. {@code .send(Sends.logit(s -> s.temperature(0.5)))}. */
        public Peer send(Variant<dev.edgewise.dsl.spec.SendSpec> send) {
            return variant("send", send, false);
        }
    }

    /** The keys of {@code exchange} kind upward. */
    public static final class Upward extends Section<Upward> {

        Upward(SpecNode node) {
            super(node, UpwardExchangeSpec.class);
        }

        /** v: values each node sends. */
        public Upward messageSize(int values) {
            return set("message_size", values);
        }

        /** Bits per unquantized value on the air. */
        public Upward bits(int bits) {
            return set("bits", bits);
        }

        public Upward quantization(Consumer<Quantization> body) {
            return section("quantization", Quantization::new, body);
        }

        /** direct (one hop per node) or hops (every hop to node 0). */
        public Upward route(UpwardExchangeSpec.Route route) {
            return set("route", route);
        }

        /** What the base station reads for an output that did not arrive. */
        public Upward lost(UpwardExchangeSpec.Lost lost) {
            return set("lost", lost);
        }
    }
}
