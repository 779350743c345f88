package dev.edgewise.dsl.spec;

/**
 * How a peer node decides to transmit when the decision is learned apart from the message: the
 * relu gate ties the decision to the message's own values (send iff one is positive), which gives
 * a silent node no gradient at all and moves every node's decision together (issue 18).
 */
@Doc("A learned send decision per node and round, apart from the message's values. kind logit: a dense layer reads the"
        + " node's new state and gives a send logit; training samples the decision with logistic noise (a Gumbel-sigmoid"
        + " relaxation) and passes a straight-through gradient; evaluation sends iff the logit is positive."
        + " Unset: the gate decides (relu: send iff the ReLU message is not all zero).")
@Variants({LogitSendSpec.class})
public interface SendSpec extends VariantSpec {}
