package dev.edgewise.dsl.spec;

import java.util.Objects;

@Doc("A send logit g per node and round from a dense layer on the node's new state (its own weights, shared by all nodes)."
        + " Training: the flag is 1 iff g + L > 0, L logistic noise (so it is 1 with probability sigmoid(g)), and its gradient"
        + " is that of sigmoid((g + L) / temperature) (straight through). Evaluation: 1 iff g > 0. The message, when sent, is"
        + " the state as the gate passes it, a flag of 0 sends nothing and costs nothing; the task's gradient reaches the"
        + " flag through what the neighbours hear.")
@Variant("logit")
public record LogitSendSpec(
        @Doc("Temperature of the relaxation whose gradient the hard flag carries: lower is closer to the step, higher"
                + " reaches logits further from 0.")
        @Default("0.5") @Range(min = 1e-3, max = 100)
        double temperature,
        @Doc("The logit's bias at the start of training; the weights start at 0, so every node first sends with probability"
                + " sigmoid(bias) (2.0: 0.88, talkative, as the relu gate starts).")
        @Default("2.0") @Range(min = -20, max = 20)
        double bias,
        @Doc("Whether training samples the decision with logistic noise (false: the hard flag of g > 0 in training too).")
        @Default("true")
        boolean noise,
        @Doc("What the communication term counts. expected: the sum of the send probabilities sigmoid(g), a smooth count"
                + " every node's logit gets a gradient from, talking or silent; hard: the flags of this pass, with their"
                + " straight-through gradient.")
        @Default("expected")
        Count count,
        @Doc("Whether the send logit reads the node's state with its gradient stopped: then the communication term and the"
                + " decision's straight-through gradient train the send layer alone, and the cell and the extractor learn from"
                + " the task only (what they compute is not bent toward silence). Unset: false, the gradient flows on.")
        @Default("~")
        Boolean detach) implements SendSpec {

    public LogitSendSpec {
        Objects.requireNonNull(count, "count");
    }

    /** Without {@code detach}: the decision's gradient reaches the cell, as before the key existed. */
    public LogitSendSpec(double temperature, double bias, boolean noise, Count count) {
        this(temperature, bias, noise, count, null);
    }

    /** Whether the logit's input is cut from the gradient (unset counts as false). */
    public boolean detached() {
        return Boolean.TRUE.equals(detach);
    }

    public enum Count implements SpecEnum {
        EXPECTED,
        HARD
    }
}
