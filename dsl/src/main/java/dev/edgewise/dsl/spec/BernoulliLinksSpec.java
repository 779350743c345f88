package dev.edgewise.dsl.spec;

@Doc("Independent loss: every message on every directed link in every round is lost with probability 'failure'.")
@Variant("bernoulli")
public record BernoulliLinksSpec(
        @Doc("Probability that a directed link is down in a round (independently per link, round and sample).")
        @Default("0.0") @Range(min = 0, max = 1)
        double failure,
        @Doc("Probability that a node is silent for a whole sample: it still listens and answers, but transmits nothing.")
        @Default("0.0") @Range(min = 0, max = 1)
        double nodeFailure,
        @Doc("Whether failures also happen during training (true), or only at test.")
        @Default("true")
        boolean inTraining) implements LinksSpec {

    @Override
    public boolean reliable() {
        return failure == 0 && nodeFailure == 0;
    }
}
