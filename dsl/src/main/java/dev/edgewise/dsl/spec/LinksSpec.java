package dev.edgewise.dsl.spec;

/**
 * How links fail: the link model every family's transmissions go through, in training and at
 * test, each draw from a seeded stream of its own.
 */
@Doc("How transmissions fail. kind bernoulli: each message lost on its own; gilbert-elliott: bursty loss from a two-state"
        + " (good/bad) Markov chain per directed link; packets: a message split into packets of 'payload' bytes, each lost"
        + " on its own; lora: packets over a LoRa radio, with Semtech's time on air, transmit energy and the duty cycle. Every kind also has node_failure and in_training. Unset: bernoulli with nothing lost.")
@Variants(value = {BernoulliLinksSpec.class, GilbertElliottLinksSpec.class, PacketLinksSpec.class, LoraLinksSpec.class}, defaultKind = "bernoulli")
public interface LinksSpec extends VariantSpec {

    /** Probability that a node is silent for a whole sample. */
    double nodeFailure();

    /** Whether failures also happen during training, or only at test. */
    boolean inTraining();

    /** True when this model never loses anything: one delivery serves every sample. */
    boolean reliable();
}
