package dev.edgewise.dsl.spec;

@Doc("Bursty loss (Gilbert-Elliott): each directed link is in a good or a bad state, a Markov chain stepped once per"
        + " transmission on that link (per round, and per packet within a message); a transmission is lost with loss_good"
        + " or loss_bad by the state it meets. Each sample's chains start from the stationary distribution. Long-run loss"
        + " rate: (r * loss_good + p * loss_bad) / (p + r); mean time in the bad state: 1 / r transmissions.")
@Variant("gilbert-elliott")
public record GilbertElliottLinksSpec(
        @Doc("p: probability of moving from good to bad at a step.") @Range(min = 0, max = 1)
        double p,
        @Doc("r: probability of moving from bad back to good at a step.") @Range(min = 0, max = 1)
        double r,
        @Doc("Probability that a transmission is lost in the good state.") @Default("0.0") @Range(min = 0, max = 1)
        double lossGood,
        @Doc("Probability that a transmission is lost in the bad state.") @Default("1.0") @Range(min = 0, max = 1)
        double lossBad,
        @Doc("Probability that a node is silent for a whole sample: it still listens and answers, but transmits nothing.")
        @Default("0.0") @Range(min = 0, max = 1)
        double nodeFailure,
        @Doc("Whether failures also happen during training (true), or only at test.")
        @Default("true")
        boolean inTraining) implements LinksSpec {

    public GilbertElliottLinksSpec {
        if (p + r == 0) {
            throw new FieldException("p", "p and r cannot both be 0: the chain would never leave its first state", "set p (good to bad) above 0");
        }
    }

    @Override
    public boolean reliable() {
        return nodeFailure == 0 && (p == 0 ? lossGood == 0 : r == 0 ? lossBad == 0 : lossGood == 0 && lossBad == 0);
    }

    /** The long-run fraction of transmissions lost. */
    public double lossRate() {
        return (r * lossGood + p * lossBad) / (p + r);
    }
}
