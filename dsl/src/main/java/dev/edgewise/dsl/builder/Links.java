package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.BernoulliLinksSpec;
import dev.edgewise.dsl.spec.GilbertElliottLinksSpec;
import dev.edgewise.dsl.spec.LinksSpec;
import dev.edgewise.dsl.spec.PacketLinksSpec;
import java.util.function.Consumer;

/** The kinds of {@code links:}, for {@link Experiment#links}: {@code .links(Links.bernoulli(l -> l.failure(0.2)))}. */
public final class Links {

    private Links() {}

    /** {@code kind: bernoulli}: each message lost on its own. */
    public static Variant<LinksSpec> bernoulli(Consumer<Bernoulli> body) {
        return Variant.of(BernoulliLinksSpec.class, Bernoulli::new, body);
    }

    /** {@code kind: gilbert-elliott}: bursty loss from a good/bad Markov chain per directed link. */
    public static Variant<LinksSpec> gilbertElliott(Consumer<GilbertElliott> body) {
        return Variant.of(GilbertElliottLinksSpec.class, GilbertElliott::new, body);
    }

    /** {@code kind: packets}: a message split into packets of {@code payload} bytes, each lost on its own. */
    public static Variant<LinksSpec> packets(Consumer<Packets> body) {
        return Variant.of(PacketLinksSpec.class, Packets::new, body);
    }

    /** The keys every kind of links has. */
    public abstract static class Common<S extends Common<S>> extends Section<S> {

        Common(SpecNode node, Class<?> record) {
            super(node, record);
        }

        /** Probability that a node is silent for a whole sample. */
        public S nodeFailure(double probability) {
            return set("node_failure", probability);
        }

        /** Whether failures also happen during training (true), or only at test. */
        public S inTraining(boolean inTraining) {
            return set("in_training", inTraining);
        }
    }

    /** The keys of {@code links} kind bernoulli. */
    public static final class Bernoulli extends Common<Bernoulli> {

        Bernoulli(SpecNode node) {
            super(node, BernoulliLinksSpec.class);
        }

        /** Probability that a directed link is down in a round. */
        public Bernoulli failure(double probability) {
            return set("failure", probability);
        }
    }

    /** The keys of {@code links} kind gilbert-elliott. */
    public static final class GilbertElliott extends Common<GilbertElliott> {

        GilbertElliott(SpecNode node) {
            super(node, GilbertElliottLinksSpec.class);
        }

        /** p: probability of moving from good to bad at a step. */
        public GilbertElliott p(double p) {
            return set("p", p);
        }

        /** r: probability of moving from bad back to good at a step. */
        public GilbertElliott r(double r) {
            return set("r", r);
        }

        public GilbertElliott lossGood(double probability) {
            return set("loss_good", probability);
        }

        public GilbertElliott lossBad(double probability) {
            return set("loss_bad", probability);
        }
    }

    /** The keys of {@code links} kind packets. */
    public static final class Packets extends Common<Packets> {

        Packets(SpecNode node) {
            super(node, PacketLinksSpec.class);
        }

        /** Bytes of message a packet carries. */
        public Packets payload(int bytes) {
            return set("payload", bytes);
        }

        /** Probability that one packet is lost. */
        public Packets failure(double probability) {
            return set("failure", probability);
        }
    }
}
