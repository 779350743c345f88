package dev.edgewise.catalog.links;

import dev.edgewise.dsl.spec.GilbertElliottLinksSpec;
import java.util.SplittableRandom;

/**
 * Bursty loss ({@code kind: gilbert-elliott}): every directed link (receiver, sender) of every
 * sample has its own two-state Markov chain, good or bad. Each chain starts from the stationary
 * distribution (bad with probability {@code p / (p + r)}) and is stepped once per transmission in
 * time order: the transmission is lost with {@code loss_good} or {@code loss_bad} by the state it
 * meets, then the state moves (good to bad with {@code p}, bad to good with {@code r}). Long-run
 * loss rate {@link GilbertElliottLinksSpec#lossRate()}; mean stay in the bad state {@code 1 / r}
 * transmissions. Every sender is also silent for a whole sample with probability {@code
 * node_failure}.
 *
 * <p>A message is one transmission: {@link #packets} is 1, so transmission {@code t} of a link is
 * round {@code t}. (The loop steps a chain once per packet, {@code t = r * packets + k}, so a
 * packetised variant would only change {@link #packets} and the packing.)
 *
 * <p>Draw order, fixed: for each sample b: for each sender j, node failure ({@code nextDouble() <
 * nodeFailure}); for each receiver i and sender j, the initial state ({@code bad = nextDouble() <
 * p / (p + r)}); then for each round r, receiver i, sender j (and packet k), first the loss ({@code
 * nextDouble() < loss} of the current state), then the move ({@code nextDouble() < p} when good,
 * {@code < r} when bad). An event of probability 0 takes no draw. Chains do not carry over from one
 * sample, or one draw, to the next.
 */
public final class GilbertElliottLinks extends SpecLinks<GilbertElliottLinksSpec> {

    public GilbertElliottLinks(GilbertElliottLinksSpec spec) {
        super(spec);
        Draws.probability("p", spec.p());
        Draws.probability("r", spec.r());
        Draws.probability("loss_good", spec.lossGood());
        Draws.probability("loss_bad", spec.lossBad());
    }

    /** One: a message is one transmission, one step of its link's chain. */
    @Override
    public int packets(LinkShape shape) {
        return 1;
    }

    @Override
    public LinkDraw draw(int samples, LinkShape shape, SplittableRandom random) {
        GilbertElliottLinksSpec ge = spec();
        int senders = shape.senders();
        int links = shape.receivers() * senders;
        int packets = packets(shape);
        double stationaryBad = ge.p() / (ge.p() + ge.r());
        float[] alive = new float[LinkDraw.size(samples, senders)];
        float[] arrived = new float[LinkDraw.size(samples, shape.messages(), packets)];
        boolean[] bad = new boolean[links];
        int at = 0;
        for (int b = 0; b < samples; b++) {
            Draws.drawAlive(alive, b, senders, ge.nodeFailure(), random);
            for (int link = 0; link < links; link++) {
                bad[link] = Draws.happens(stationaryBad, random);
            }
            for (int r = 0; r < shape.rounds(); r++) {
                for (int link = 0; link < links; link++) {
                    for (int k = 0; k < packets; k++) {
                        boolean inBad = bad[link];
                        arrived[at++] = Draws.happens(inBad ? ge.lossBad() : ge.lossGood(), random) ? 0f : 1f;
                        bad[link] = inBad ? !Draws.happens(ge.r(), random) : Draws.happens(ge.p(), random);
                    }
                }
            }
        }
        return LinkDraw.ofMessages(samples, shape, alive, arrived);
    }
}
