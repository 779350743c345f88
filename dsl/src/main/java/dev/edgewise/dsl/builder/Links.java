package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.LinksSpec;

/** {@code links:} how links and nodes fail, in training and at test. */
public final class Links extends Section<Links> {

    Links(SpecNode node) {
        super(node, LinksSpec.class);
    }

    /** Probability that a directed link is down in a round. */
    public Links failure(double probability) {
        return set("failure", probability);
    }

    /** Probability that a node is silent for a whole sample. */
    public Links nodeFailure(double probability) {
        return set("node_failure", probability);
    }

    /** Whether failures also happen during training (true), or only at test. */
    public Links inTraining(boolean inTraining) {
        return set("in_training", inTraining);
    }

    /** Upward: what the base station reads for an output that did not arrive; null means zero. */
    public Links lost(LinksSpec.Lost lost) {
        return set("lost", lost);
    }
}
