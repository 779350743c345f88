package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.LogitSendSpec;
import dev.edgewise.dsl.spec.SendSpec;
import java.util.function.Consumer;

/**
 * The kinds of {@code exchange.send}, for {@link Exchange.Peer#send}:
 * {@code Exchange.peer(x -> x.send(Sends.logit(s -> s.temperature(0.5))))}.
 */
public final class Sends {

    private Sends() {}

    /** {@code kind: logit}: a learned send logit per node and round, sampled with logistic noise in training. */
    public static Variant<SendSpec> logit(Consumer<Logit> body) {
        return Variant.of(LogitSendSpec.class, Logit::new, body);
    }

    /** The keys of {@code exchange.send} kind logit. */
    public static final class Logit extends Section<Logit> {

        Logit(SpecNode node) {
            super(node, LogitSendSpec.class);
        }

        /** Temperature of the relaxation whose gradient the hard flag carries. */
        public Logit temperature(double temperature) {
            return set("temperature", temperature);
        }

        /** The logit's starting bias (its weights start at 0). */
        public Logit bias(double bias) {
            return set("bias", bias);
        }

        /** Whether training samples the decision with logistic noise. */
        public Logit noise(boolean noise) {
            return set("noise", noise);
        }

        /** What the communication term counts: the expected sends or this pass's hard flags. */
        public Logit count(LogitSendSpec.Count count) {
            return set("count", count);
        }

        /** Whether the send logit reads the state with its gradient stopped (the decision trains only its own layer). */
        public Logit detach(boolean detach) {
            return set("detach", detach);
        }
    }
}
