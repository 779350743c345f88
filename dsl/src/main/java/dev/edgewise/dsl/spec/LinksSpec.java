package dev.edgewise.dsl.spec;

@Doc("How links fail. Every failure is drawn from its own seeded stream, separately for training and test.")
public record LinksSpec(
        @Doc("Probability that a directed link is down in a round (independently per link, round and sample).")
        @Default("0.0") @Range(min = 0, max = 1)
        double failure,
        @Doc("Probability that a node is silent for a whole sample: it still listens and answers, but transmits nothing.")
        @Default("0.0") @Range(min = 0, max = 1)
        double nodeFailure,
        @Doc("Whether failures also happen during training (true), or only at test.")
        @Default("true")
        boolean inTraining) {}
