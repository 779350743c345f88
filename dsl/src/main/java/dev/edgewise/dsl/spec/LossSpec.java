package dev.edgewise.dsl.spec;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

@Doc("Loss = sum over named terms of weight x term.")
public record LossSpec(
        @Doc("Weight of each term. task: MSE of every node's output against the target; communication: (fraction of (node, round) slots that transmit - budget)^2 on the hard count, with the gradient of a sigmoid of each node's gate (see communication_temperature).")
        @Default("{task: 1.0, communication: 0.0}")
        Map<String, Double> terms,
        @Doc("Target fraction of (node, round) slots that transmit, for the communication term.")
        @Default("0.5") @Range(min = 0, max = 1)
        double communicationBudget,
        @Doc("Temperature T of the communication term's straight-through gradient: a slot's send flag gets the gradient of sigmoid(max(s) / T), s the pre-gate message, so silent nodes can be called back as well as talking ones silenced.")
        @Default("0.1") @Range(min = 1e-6, max = 1e6)
        double communicationTemperature,
        @Doc("First epoch in which the communication term counts: before it the network learns the task with every message it likes (the paper's Figure 8: accuracy first, then less talk).")
        @Default("1") @Range(min = 1, max = 100_000)
        int communicationStart,
        @Doc("Epochs over which the communication term's weight rises linearly from its first epoch to full weight (0: full at once).")
        @Default("0") @Range(min = 0, max = 100_000)
        int communicationRamp) {

    public static final Set<String> TERM_NAMES = Set.of("task", "communication");

    public LossSpec {
        terms = Map.copyOf(new TreeMap<>(terms));
        for (Map.Entry<String, Double> term : terms.entrySet()) {
            if (!TERM_NAMES.contains(term.getKey())) {
                throw new IllegalArgumentException(
                        "unknown loss term '" + term.getKey() + "'; known terms: " + new java.util.TreeSet<>(TERM_NAMES));
            }
            if (term.getValue() < 0) {
                throw new IllegalArgumentException("weight of loss term '" + term.getKey() + "' must be >= 0, got " + term.getValue());
            }
        }
    }

    public double weight(String term) {
        return terms.getOrDefault(term, 0.0);
    }

    /** The fraction of its weight the communication term has in {@code epoch} (1-based): the warm-up schedule. */
    public double communicationScale(int epoch) {
        if (epoch < communicationStart) {
            return 0;
        }
        return Math.min(1.0, (epoch - communicationStart + 1.0) / (communicationRamp + 1.0));
    }
}
