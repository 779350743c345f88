package dev.edgewise.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.Test;

/** ASHA's promotion rule on given completion orders (no training: the metric of a trial is a function of its configuration and rung). */
class AshaTest {

    private static final Comparator<Double> LOWER = Double::compare;

    @Test
    void aTrialIsPromotedAsSoonAsItIsInTheBestThirdOfItsRungSoFar() {
        Asha asha = new Asha(9, 3, 3, LOWER);
        double[] loss = {0.5, 0.2, 0.9};
        List<Asha.Job> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            first.add(asha.next());
        }
        assertEquals(List.of(new Asha.Job(0, 0), new Asha.Job(1, 0), new Asha.Job(2, 0)), first);
        asha.finished(first.get(0), loss[0]);
        // One finished at rung 0: floor(1/3) = 0 may be promoted, so a free slot starts a new configuration.
        assertEquals(new Asha.Job(3, 0), asha.next());
        asha.finished(first.get(2), loss[2]);
        asha.finished(first.get(1), loss[1]);
        // Three finished (0.5, 0.9, 0.2): the best, configuration 1, goes up at once, while configuration 3 still runs.
        assertEquals(new Asha.Job(1, 1), asha.next());
        // Its quota used, the next slot starts a new configuration rather than wait.
        assertEquals(new Asha.Job(4, 0), asha.next());
    }

    @Test
    void inDrawnOrderWithOneJobItPromotesWhatSynchronousHalvingPromotes() {
        // Loss is the configuration's index at every rung (0 best): the best of each third arrives first.
        List<Asha.Job> started = simulate(new Asha(9, 3, 3, LOWER), 1, (c, r) -> c, false);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8), configurations(started, 0));
        assertEquals(List.of(0, 1, 2), configurations(started, 1));
        assertEquals(List.of(0), configurations(started, 2));
        // Promotions interleave with new configurations: 0 goes up once 0, 1, 2 are done, before 3 starts.
        assertEquals(new Asha.Job(0, 1), started.get(3));
    }

    @Test
    void aClosedRungPromotesItsSynchronousShareAfterEarlyPromotions() {
        // Loss decreasing in the index: every new configuration is the best so far, so ASHA promotes early ones
        // that synchronous halving would not; once rung 0 is closed its best third (6, 7, 8) is promoted too.
        List<Asha.Job> started = simulate(new Asha(9, 3, 3, LOWER), 1, (c, r) -> 9 - c, false);
        List<Integer> rung1 = configurations(started, 1);
        assertTrue(rung1.containsAll(List.of(6, 7, 8)), rung1.toString());
        assertEquals(List.of(8), configurations(started, 2).stream().filter(c -> c == 8).toList());
    }

    @Test
    void theExhaustiveBestReachesTheLastRungWhateverTheOrderOfCompletion() {
        // Loss decreasing in the configuration's index: the global best is configuration 8, drawn last.
        ToDoubleBiFunction<Integer, Integer> loss = (c, r) -> (9 - c) / (r + 1.0);
        for (int jobs : new int[] {1, 2, 4}) {
            for (boolean newestFirst : new boolean[] {false, true}) {
                List<Asha.Job> started = simulate(new Asha(9, 3, 3, LOWER), jobs, loss, newestFirst);
                assertTrue(configurations(started, 2).contains(8), jobs + " jobs, newest first " + newestFirst + ": " + started);
                // Never more trials at a rung than there are configurations, none trained twice at one rung.
                for (int r = 0; r < 3; r++) {
                    List<Integer> at = configurations(started, r);
                    assertEquals(at.size(), at.stream().distinct().count());
                }
            }
        }
    }

    @Test
    void twoSurvivorsStillReachTheEndAndAFailedTrialIsNeverPromoted() {
        Asha asha = new Asha(2, 2, 3, LOWER);
        Asha.Job a = asha.next();
        Asha.Job b = asha.next();
        assertNull(asha.next(), "every configuration started, nothing to promote: wait");
        asha.finished(a, Double.NaN);
        assertNull(asha.next(), "rung 0 is not closed while b runs, and floor(1/3) = 0");
        asha.finished(b, 0.3);
        assertEquals(new Asha.Job(b.configuration(), 1), asha.next(), "closed: max(1, ceil(2/3)) = 1, the one that did not fail");
        assertNull(asha.next());
    }

    @Test
    void noNewConfigurationStartsAfterStopNew() {
        Asha asha = new Asha(5, 2, 2, LOWER);
        Asha.Job a = asha.next();
        asha.stopNew();
        assertNull(asha.next());
        asha.finished(a, 1.0);
        assertEquals(new Asha.Job(0, 1), asha.next(), "the only trial of a closed rung goes on");
        assertTrue(!asha.idle());
    }

    /**
     * Runs the rule with {@code jobs} slots; each step the oldest running trial finishes (or the
     * newest, to shuffle the order of completion). Returns the jobs in the order they started.
     */
    private static List<Asha.Job> simulate(Asha asha, int jobs, ToDoubleBiFunction<Integer, Integer> loss, boolean newestFirst) {
        List<Asha.Job> started = new ArrayList<>();
        Deque<Asha.Job> running = new ArrayDeque<>();
        while (true) {
            while (running.size() < jobs) {
                Asha.Job job = asha.next();
                if (job == null) {
                    break;
                }
                started.add(job);
                running.addLast(job);
            }
            if (running.isEmpty()) {
                assertTrue(asha.idle());
                return started;
            }
            Asha.Job done = newestFirst ? running.removeLast() : running.removeFirst();
            asha.finished(done, loss.applyAsDouble(done.configuration(), done.rung()));
        }
    }

    private static List<Integer> configurations(List<Asha.Job> started, int rung) {
        return started.stream().filter(j -> j.rung() == rung).map(Asha.Job::configuration).toList();
    }
}
