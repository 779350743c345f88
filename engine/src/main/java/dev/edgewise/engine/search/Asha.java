package dev.edgewise.engine.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The promotion rule of asynchronous successive halving (ASHA, Li et al. 2020), kept apart from
 * running trials so it can be tested on a given completion order. Whenever a job slot is free,
 * {@link #next} looks from the highest rung down for a configuration in the best
 * floor(n/eta) of the n trials finished at its rung and not yet promoted, and promotes it;
 * otherwise it starts the next configuration at rung 0. No slot waits for a rung to complete.
 *
 * <p>A search has finitely many configurations, and ASHA's floor(n/eta) alone could end it with
 * no trial at the last rung (two survivors, eta 3). So once a rung is <em>closed</em> (no trial can
 * reach it any more: every configuration started, nothing running at or below it, nothing left to
 * promote into it), its quota becomes the synchronous one, max(1, ceil(n/eta)): the best of a
 * closed rung are then promoted exactly as synchronous halving would promote them. Failed trials
 * (metric NaN) count in n but are never promoted.
 *
 * <p>Not thread-safe: one driver thread calls it.
 */
final class Asha {

    /** Train configuration {@code configuration} (an index into the survivors) at rung {@code rung}. */
    record Job(int configuration, int rung) {}

    private record Done(int configuration, double metric) {}

    private final int configurations;
    private final int rungs;
    private final int eta;
    private final Comparator<Double> better;
    private final List<List<Done>> finished = new ArrayList<>();
    private final List<Set<Integer>> promoted = new ArrayList<>();
    private final int[] running;
    private int started;
    private boolean noMoreNew;

    /**
     * @param rungs how many rungs (the last trains to the end)
     * @param better orders metrics best first
     */
    Asha(int configurations, int rungs, int eta, Comparator<Double> better) {
        this.configurations = configurations;
        this.rungs = rungs;
        this.eta = eta;
        this.better = better;
        this.running = new int[rungs];
        for (int r = 0; r < rungs; r++) {
            finished.add(new ArrayList<>());
            promoted.add(new HashSet<>());
        }
    }

    /**
     * The next job for a free slot, or null when there is none now (wait for a running trial;
     * when nothing runs either, the search is over). The job counts as running until {@link #finished}.
     */
    Job next() {
        for (int r = rungs - 2; r >= 0; r--) {
            Integer c = promotable(r);
            if (c != null) {
                promoted.get(r).add(c);
                running[r + 1]++;
                return new Job(c, r + 1);
            }
        }
        if (!noMoreNew && started < configurations) {
            running[0]++;
            return new Job(started++, 0);
        }
        return null;
    }

    /** No configuration starts at rung 0 any more (the budget is spent, or the search was interrupted). */
    void stopNew() {
        noMoreNew = true;
    }

    /** Job {@code job} ended with {@code metric} (NaN when it failed). */
    void finished(Job job, double metric) {
        running[job.rung()]--;
        finished.get(job.rung()).add(new Done(job.configuration(), metric));
    }

    /** A promotion the caller could not start (over the budget): it is not run, and not offered again. */
    void dropped(Job job) {
        running[job.rung()]--;
    }

    boolean idle() {
        for (int r : running) {
            if (r > 0) {
                return false;
            }
        }
        return true;
    }

    /** The best not-yet-promoted configuration of rung r within its quota, or null. */
    private Integer promotable(int r) {
        List<Done> done = finished.get(r);
        int quota = closed(r) ? Math.max(1, (int) Math.ceil(done.size() / (double) eta)) : done.size() / eta;
        List<Done> ranked = ranked(done);
        for (int i = 0; i < Math.min(quota, ranked.size()); i++) {
            int c = ranked.get(i).configuration();
            if (!promoted.get(r).contains(c)) {
                return c;
            }
        }
        return null;
    }

    /** Finite metrics best first; ties by configuration, so the rule does not depend on completion order for ties. */
    private List<Done> ranked(List<Done> done) {
        List<Done> ok = new ArrayList<>(done.stream().filter(d -> Double.isFinite(d.metric())).toList());
        ok.sort((a, b) -> {
            int c = better.compare(a.metric(), b.metric());
            return c != 0 ? c : Integer.compare(a.configuration(), b.configuration());
        });
        return ok;
    }

    /** No trial can reach rung r any more. */
    private boolean closed(int r) {
        if (running[r] > 0) {
            return false;
        }
        if (r == 0) {
            return noMoreNew || started == configurations;
        }
        if (!closed(r - 1)) {
            return false;
        }
        // Rung r-1 is closed: anything left to promote from it would still arrive here.
        List<Done> below = ranked(finished.get(r - 1));
        int quota = Math.max(1, (int) Math.ceil(finished.get(r - 1).size() / (double) eta));
        for (int i = 0; i < Math.min(quota, below.size()); i++) {
            if (!promoted.get(r - 1).contains(below.get(i).configuration())) {
                return false;
            }
        }
        return true;
    }
}
