package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.LossSpec;
import java.util.Map;

/** {@code loss:} a weighted sum of named terms. */
public final class Loss extends Section<Loss> {

    Loss(SpecNode node) {
        super(node, LossSpec.class);
    }

    /**
     * The weight of every term, replacing the default map as a YAML {@code terms:} mapping would:
     * a term left out weighs 0.
     */
    public Loss terms(Map<String, Double> weights) {
        return set("terms", weights);
    }

    /** Target fraction of (node, round) slots that transmit. */
    public Loss communicationBudget(double fraction) {
        return set("communication_budget", fraction);
    }

    /** Temperature of the sigmoid whose gradient the communication term's hard count borrows. */
    public Loss communicationTemperature(double temperature) {
        return set("communication_temperature", temperature);
    }

    /** First epoch in which the communication term counts. */
    public Loss communicationStart(int epoch) {
        return set("communication_start", epoch);
    }

    /** Epochs over which the communication term's weight rises to full. */
    public Loss communicationRamp(int epochs) {
        return set("communication_ramp", epochs);
    }
}
