package dev.edgewise.dsl.spec;

@Doc("(fraction of (node, round) slots that transmit - budget)^2 on the hard count, with the gradient of a sigmoid of each"
        + " node's gate (see temperature). For families whose nodes may stay silent.")
@Variant("communication")
public record CommunicationTermSpec(
        @Doc("Weight of the term at full strength.") @Default("0.0") @Range(min = 0)
        double weight,
        @Doc("Target fraction of (node, round) slots that transmit.")
        @Default("0.5") @Range(min = 0, max = 1)
        double budget,
        @Doc("Temperature T of the straight-through gradient: a slot's send flag gets the gradient of sigmoid(max(s) / T), s the"
                + " pre-gate message, so silent nodes can be called back as well as talking ones silenced.")
        @Default("0.1") @Range(min = 1e-6, max = 1e6)
        double temperature,
        @Doc("First epoch in which the term counts: before it the network learns the task with every message it likes (the"
                + " C-RNN paper's Figure 8: accuracy first, then less talk).")
        @Default("1") @Range(min = 1, max = 100_000)
        int start,
        @Doc("Epochs over which the weight rises linearly from its first epoch to full weight (0: full at once).")
        @Default("0") @Range(min = 0, max = 100_000)
        int ramp) implements LossTermSpec {

    /** The fraction of its weight the term has in {@code epoch} (1-based): the warm-up schedule. */
    public double scale(int epoch) {
        if (epoch < start) {
            return 0;
        }
        return Math.min(1.0, (epoch - start + 1.0) / (ramp + 1.0));
    }
}
