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
        boolean inTraining,
        @Doc("upward: what the base station does with a node output that did not arrive (lost link or silent node). zero:"
                + " it reads zeros in its place; drop: zeros, and the outputs that did arrive scaled by N / arrived (as inverted"
                + " dropout keeps the base's input at its usual size). Unset: zero.")
        @Default("~")
        Lost lost) {

    /** The policy, with the default spelled out. */
    public Lost lostOrZero() {
        return lost == null ? Lost.ZERO : lost;
    }

    public enum Lost implements SpecEnum {
        ZERO,
        DROP
    }
}
