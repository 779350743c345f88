package dev.edgewise.catalog.links;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.dsl.spec.GilbertElliottLinksSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GilbertElliottLinksTest {

    /** One sample, one directed link, 10^6 rounds: one chain stepped 10^6 times. */
    private static final LinkShape ONE_LINK = new LinkShape(1, 1, 1_000_000, 4, 8);

    private static boolean[] losses(GilbertElliottLinksSpec spec, long seed) {
        float[] arrived = new GilbertElliottLinks(spec).draw(1, ONE_LINK, new SplittableRandom(seed)).arrived();
        boolean[] lost = new boolean[arrived.length];
        for (int t = 0; t < arrived.length; t++) {
            lost[t] = arrived[t] == 0f;
        }
        return lost;
    }

    private static double rate(boolean[] lost) {
        int count = 0;
        for (boolean l : lost) {
            count += l ? 1 : 0;
        }
        return (double) count / lost.length;
    }

    /**
     * p = 0.05, r = 0.25, loss 0.02 good / 0.6 bad: loss rate (0.25 * 0.02 + 0.05 * 0.6) / 0.3 =
     * 0.1167. Losses are correlated through the chain (second eigenvalue 1 - p - r = 0.7, variance
     * inflation (1 + 0.7) / (1 - 0.7) = 5.7 on the state part); the standard error over 10^6 steps is
     * about 5.7e-4, 0.49 % of the rate, so 2 % is four standard errors.
     */
    @Test
    void longRunLossRateIsTheSpecsLossRate() {
        GilbertElliottLinksSpec spec = new GilbertElliottLinksSpec(0.05, 0.25, 0.02, 0.6, 0, true);
        boolean[] lost = losses(spec, 11);

        double rate = rate(lost);
        System.out.printf("gilbert-elliott: loss rate %.5f (spec lossRate() %.5f)%n", rate, spec.lossRate());
        assertEquals(spec.lossRate(), rate, 0.02 * spec.lossRate());
    }

    /**
     * Losses come in bursts: after a loss the next transmission is lost far more often than on
     * average. Theory for this chain: P(loss | loss) = 0.397 against P(loss) = 0.117.
     */
    @Test
    void lossesAreBursty() {
        GilbertElliottLinksSpec spec = new GilbertElliottLinksSpec(0.05, 0.25, 0.02, 0.6, 0, true);
        boolean[] lost = losses(spec, 12);

        int afterLoss = 0;
        int lossAfterLoss = 0;
        for (int t = 1; t < lost.length; t++) {
            if (lost[t - 1]) {
                afterLoss++;
                lossAfterLoss += lost[t] ? 1 : 0;
            }
        }
        double conditional = (double) lossAfterLoss / afterLoss;
        System.out.printf("gilbert-elliott: P(loss | loss) %.4f, P(loss) %.4f%n", conditional, rate(lost));
        assertTrue(conditional > 2 * rate(lost), conditional + " vs " + rate(lost));
    }

    /**
     * Gilbert case (loss 0 good, 1 bad): a run of losses is a stay in the bad state, geometric with
     * mean 1 / r. p = 0.1, r = 0.4: about n p r / (p + r) = 80 000 runs, each of standard deviation
     * sqrt(1 - r) / r, so the relative standard error of the mean run is sqrt(0.6 / 80 000) = 0.27 %;
     * 2 % is seven standard errors. The loss rate p / (p + r) = 0.2 has a standard error of 0.35 %.
     */
    @Test
    void meanBurstIsOneOverRInTheGilbertCase() {
        GilbertElliottLinksSpec spec = new GilbertElliottLinksSpec(0.1, 0.4, 0, 1, 0, true);
        boolean[] lost = losses(spec, 13);

        int bursts = 0;
        int lostCount = 0;
        for (int t = 0; t < lost.length; t++) {
            if (lost[t]) {
                lostCount++;
                bursts += t == 0 || !lost[t - 1] ? 1 : 0;
            }
        }
        double meanBurst = (double) lostCount / bursts;
        System.out.printf("gilbert: mean burst %.4f over %d bursts (1/r = %.4f), loss rate %.5f (spec %.5f)%n",
                meanBurst, bursts, 1 / spec.r(), rate(lost), spec.lossRate());
        assertEquals(1 / spec.r(), meanBurst, 0.02 / spec.r());
        assertEquals(spec.lossRate(), rate(lost), 0.02 * spec.lossRate());
    }

    /**
     * Each sample's chain starts from the stationary distribution, so even the first transmission
     * is lost at the long-run rate: 10^6 independent first steps (1000 samples x 1000 links),
     * relative standard error sqrt(0.8 / (0.2 * 10^6)) = 0.2 %.
     */
    @Test
    void everySampleStartsFromTheStationaryDistribution() {
        GilbertElliottLinksSpec spec = new GilbertElliottLinksSpec(0.1, 0.4, 0, 1, 0, true);
        LinkDraw draw = new GilbertElliottLinks(spec).draw(1000, new LinkShape(1000, 1, 1, 4, 8), new SplittableRandom(14));

        double firstLoss = 1 - BernoulliLinksTest.mean(draw.arrived());
        System.out.printf("gilbert: first-transmission loss %.5f (stationary %.5f)%n", firstLoss, spec.lossRate());
        assertEquals(spec.lossRate(), firstLoss, 0.02 * spec.lossRate());
    }

    @Test
    void nodeFailureIsDrawnPerSampleAndSenderFirst() {
        GilbertElliottLinksSpec spec = new GilbertElliottLinksSpec(0.1, 0.4, 0, 1, 0.3, true);
        LinkShape shape = LinkShape.peers(4, 2, 3, 8);
        SplittableRandom random = new SplittableRandom(15);
        LinkDraw draw = new GilbertElliottLinks(spec).draw(1, shape, random);

        SplittableRandom replica = new SplittableRandom(15);
        float[] alive = new float[4];
        for (int j = 0; j < 4; j++) {
            alive[j] = replica.nextDouble() < 0.3 ? 0f : 1f;
        }
        assertArrayEquals(alive, draw.alive());
        assertEquals(1, draw.packets());
        // A silent sender's messages never arrive, whatever its links did.
        float[] mask = draw.messageMask();
        for (int m = 0; m < mask.length; m++) {
            if (alive[m % 4] == 0f) {
                assertEquals(0f, mask[m]);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameDraw() {
        GilbertElliottLinks links = new GilbertElliottLinks(new GilbertElliottLinksSpec(0.1, 0.3, 0.05, 0.7, 0.1, true));
        LinkShape shape = LinkShape.peers(6, 4, 3, 8);

        LinkDraw first = links.draw(9, shape, new SplittableRandom(5));
        LinkDraw second = links.draw(9, shape, new SplittableRandom(5));

        assertArrayEquals(first.alive(), second.alive());
        assertArrayEquals(first.arrived(), second.arrived());
    }
}
