package dev.edgewise.catalog.links;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.edgewise.dsl.spec.BernoulliLinksSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BernoulliLinksTest {

    private static final LinkShape PEERS = LinkShape.peers(5, 3, 4, 16);

    @Test
    void theSameSeedGivesTheSameDraw() {
        BernoulliLinks links = new BernoulliLinks(new BernoulliLinksSpec(0.3, 0.2, true));

        LinkDraw first = links.draw(7, PEERS, new SplittableRandom(42));
        LinkDraw second = links.draw(7, PEERS, new SplittableRandom(42));
        LinkDraw other = links.draw(7, PEERS, new SplittableRandom(43));

        assertArrayEquals(first.alive(), second.alive());
        assertArrayEquals(first.arrived(), second.arrived());
        assertFalse(java.util.Arrays.equals(first.arrived(), other.arrived()));
    }

    /** The C-RNN's recorded results depend on this: the model must walk the stream exactly as LinkSampler did. */
    @Test
    void drawsInTheOrderOfTheEnginesLinkSampler() {
        double[][] cases = {{0.3, 0.2}, {0.3, 0}, {0, 0.2}, {1, 0}, {0, 0}};
        for (double[] c : cases) {
            double failure = c[0];
            double nodeFailure = c[1];
            int batch = 7;
            int n = 5;
            int rounds = 3;
            // The loop of engine/.../train/LinkSampler.draw, with every pair adjacent.
            SplittableRandom replica = new SplittableRandom(2024);
            float[] alive = new float[batch * n];
            float[] links = new float[batch * rounds * n * n];
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < n; j++) {
                    alive[b * n + j] = nodeFailure > 0 && replica.nextDouble() < nodeFailure ? 0f : 1f;
                }
                for (int r = 0; r < rounds; r++) {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            boolean up = failure == 0 || replica.nextDouble() >= failure;
                            boolean hears = up && alive[b * n + j] == 1f;
                            links[((b * rounds + r) * n + i) * n + j] = hears ? 1f : 0f;
                        }
                    }
                }
            }

            SplittableRandom random = new SplittableRandom(2024);
            LinkDraw draw = new BernoulliLinks(new BernoulliLinksSpec(failure, nodeFailure, true))
                    .draw(batch, LinkShape.peers(n, rounds, 10, 32), random);

            String name = "failure " + failure + ", node failure " + nodeFailure;
            assertArrayEquals(alive, draw.alive(), name);
            assertArrayEquals(links, draw.messageMask(), name);
            assertEquals(replica.nextLong(), random.nextLong(), name + ": both streams end at the same position");
        }
    }

    /**
     * 10^6 Bernoulli(q) draws: the relative standard error of the rate is sqrt((1 - q) / (q n)),
     * 0.30 % for q = 0.1 and 0.20 % for q = 0.2, so 2 % is more than six standard errors.
     */
    @Test
    void longRunRatesMatchTheSpec() {
        double failure = 0.1;
        double nodeFailure = 0.2;
        // 1000 samples x 1000 senders x one upward message each: 10^6 node draws and 10^6 link draws.
        LinkDraw draw = new BernoulliLinks(new BernoulliLinksSpec(failure, nodeFailure, true))
                .draw(1000, LinkShape.upward(1000, 8, 8), new SplittableRandom(7));

        double linkLoss = 1 - mean(draw.arrived());
        double silent = 1 - mean(draw.alive());
        System.out.printf("bernoulli: link loss %.5f (spec %.5f), node failure %.5f (spec %.5f)%n",
                linkLoss, failure, silent, nodeFailure);
        assertEquals(failure, linkLoss, 0.02 * failure);
        assertEquals(nodeFailure, silent, 0.02 * nodeFailure);
        assertEquals(1, draw.packets());
    }

    static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
