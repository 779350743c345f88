package dev.edgewise.catalog.links;

import dev.edgewise.dsl.spec.BernoulliLinksSpec;
import java.util.SplittableRandom;

/**
 * Independent loss ({@code kind: bernoulli}): every message on every directed link in every round
 * is lost with probability {@code failure}, whole (one packet per message), and every sender is
 * silent for a whole sample with probability {@code node_failure}.
 *
 * <p>Draw order, fixed (it is the engine's original LinkSampler loop, so results recorded with it
 * stay bit for bit): for each sample b, for each sender j, {@code alive = nodeFailure > 0 &&
 * nextDouble() < nodeFailure ? 0 : 1}; then for each round r, receiver i, sender j, {@code up =
 * failure == 0 || nextDouble() >= failure}. A probability of 0 takes no draw.
 */
public final class BernoulliLinks extends SpecLinks<BernoulliLinksSpec> {

    public BernoulliLinks(BernoulliLinksSpec spec) {
        super(spec);
        Draws.probability("failure", spec.failure());
    }

    /** One: a message is lost or arrives whole. */
    @Override
    public int packets(LinkShape shape) {
        return 1;
    }

    @Override
    public LinkDraw draw(int samples, LinkShape shape, SplittableRandom random) {
        return Draws.independent(samples, shape, shape.values(), spec().failure(), spec().nodeFailure(), random);
    }
}
