package dev.edgewise.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinkSamplerTest {

    static final boolean[][] RING4 = {
        {false, true, false, true}, {true, false, true, false}, {false, true, false, true}, {true, false, true, false}
    };

    @Test
    void reliableLinksAreTheGraphOnceForEveryRound() {
        LinkSampler.Masks masks = new LinkSampler(RING4, 3, 0, 0).draw(64, new SplittableRandom(1));

        assertEquals(1, masks.samples(), "one mask, broadcast over the batch");
        for (int r = 0; r < 3; r++) {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(RING4[i][j] ? 1f : 0f, masks.links()[(r * 4 + i) * 4 + j]);
                }
            }
        }
        assertArrayEquals(new float[] {1, 1, 1, 1}, masks.alive());
    }

    @Test
    void linksFailIndependentlyAtTheGivenRateAndNeverWhereThereIsNoEdge() {
        LinkSampler.Masks masks = new LinkSampler(RING4, 5, 0.3, 0).draw(2000, new SplittableRandom(7));

        long up = 0;
        long edges = 0;
        for (int b = 0; b < 2000; b++) {
            for (int r = 0; r < 5; r++) {
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        float link = masks.links()[((b * 5 + r) * 4 + i) * 4 + j];
                        if (RING4[i][j]) {
                            edges++;
                            up += (long) link;
                        } else {
                            assertEquals(0f, link, "no edge, no link");
                        }
                    }
                }
            }
        }
        double upRate = (double) up / edges;
        assertTrue(Math.abs(upRate - 0.7) < 0.01, "links up: " + upRate);
    }

    @Test
    void aFailedNodeIsHeardByNoOneForTheWholeSample() {
        LinkSampler.Masks masks = new LinkSampler(RING4, 4, 0, 0.5).draw(200, new SplittableRandom(3));

        int failed = 0;
        for (int b = 0; b < 200; b++) {
            for (int j = 0; j < 4; j++) {
                if (masks.alive()[b * 4 + j] == 0f) {
                    failed++;
                    for (int r = 0; r < 4; r++) {
                        for (int i = 0; i < 4; i++) {
                            assertEquals(0f, masks.links()[((b * 4 + r) * 4 + i) * 4 + j]);
                        }
                    }
                }
            }
        }
        assertTrue(failed > 300 && failed < 500, "about half of 800 node-samples fail: " + failed);
    }

    @Test
    void theSameStreamDrawsTheSameFailures() {
        LinkSampler sampler = new LinkSampler(RING4, 5, 0.4, 0.1);

        assertArrayEquals(sampler.draw(32, new SplittableRandom(11)).links(), sampler.draw(32, new SplittableRandom(11)).links());
    }
}
