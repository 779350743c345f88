package dev.edgewise.dsl.spec;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

@Doc("Loss = sum over named terms of weight x term.")
public record LossSpec(
        @Doc("Weight of each term. task: MSE of every node's output against the target; communication: (fraction of (node, round) slots that transmit - budget)^2, with a straight-through gradient.")
        @Default("{task: 1.0, communication: 0.0}")
        Map<String, Double> terms,
        @Doc("Target fraction of (node, round) slots that transmit, for the communication term.")
        @Default("0.5") @Range(min = 0, max = 1)
        double communicationBudget) {

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
}
