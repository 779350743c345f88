package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.BernoulliLinksSpec;
import dev.edgewise.dsl.spec.GilbertElliottLinksSpec;
import dev.edgewise.dsl.spec.LinksSpec;
import dev.edgewise.dsl.spec.LoraLinksSpec;
import dev.edgewise.dsl.spec.LoraLoadSpec;
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

    /** {@code kind: lora}: packets over a LoRa radio, with time on air, energy and the duty cycle. */
    public static Variant<LinksSpec> lora(Consumer<Lora> body) {
        return Variant.of(LoraLinksSpec.class, Lora::new, body);
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

    /** The keys of {@code links} kind lora. */
    public static final class Lora extends Common<Lora> {

        Lora(SpecNode node) {
            super(node, LoraLinksSpec.class);
        }

        /** Spreading factor, 6 to 12. */
        public Lora spreadingFactor(int sf) {
            return set("spreading_factor", sf);
        }

        /** Bandwidth in kHz: 125, 250 or 500. */
        public Lora bandwidth(int kHz) {
            return set("bandwidth", kHz);
        }

        /** Coding rate 4/c, given as c (5 to 8). */
        public Lora codingRate(int c) {
            return set("coding_rate", c);
        }

        /** Bytes of message one packet carries. */
        public Lora payload(int bytes) {
            return set("payload", bytes);
        }

        /** Framing bytes each packet adds on the air. */
        public Lora overhead(int bytes) {
            return set("overhead", bytes);
        }

        /** Whether the last packet of a message is padded to a full payload. */
        public Lora pad(boolean pad) {
            return set("pad", pad);
        }

        public Lora preamble(int symbols) {
            return set("preamble", symbols);
        }

        public Lora explicitHeader(boolean explicit) {
            return set("explicit_header", explicit);
        }

        public Lora crc(boolean crc) {
            return set("crc", crc);
        }

        public Lora lowDataRate(LoraLinksSpec.LowDataRate mode) {
            return set("low_data_rate", mode);
        }

        /** Transmit power in dBm. */
        public Lora txPower(int dBm) {
            return set("tx_power", dBm);
        }

        /** Supply current while transmitting, in mA. */
        public Lora txCurrent(double milliamperes) {
            return set("tx_current", milliamperes);
        }

        public Lora volts(double volts) {
            return set("volts", volts);
        }

        /** Fraction of time a sender may be on air. */
        public Lora dutyCycle(double fraction) {
            return set("duty_cycle", fraction);
        }

        /** Probability that one packet is lost. */
        public Lora failure(double probability) {
            return set("failure", probability);
        }

        /** The network the link shares, whose simulated loss rate replaces {@code failure}. */
        public Lora network(Consumer<LoraLoad> body) {
            return section("network", LoraLoad::new, body);
        }
    }

    /** The keys of {@code links.network} (kind lora). */
    public static final class LoraLoad extends Section<LoraLoad> {

        LoraLoad(SpecNode node) {
            super(node, LoraLoadSpec.class);
        }

        public LoraLoad nodes(int nodes) {
            return set("nodes", nodes);
        }

        /** Mean seconds between one node's packets. */
        public LoraLoad interval(double seconds) {
            return set("interval", seconds);
        }

        public LoraLoad hours(double hours) {
            return set("hours", hours);
        }

        public LoraLoad seed(long seed) {
            return set("seed", seed);
        }
    }
}
