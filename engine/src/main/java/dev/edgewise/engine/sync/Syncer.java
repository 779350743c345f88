package dev.edgewise.engine.sync;

import dev.edgewise.engine.track.RunEvent;
import dev.edgewise.engine.track.RunFolder;
import dev.edgewise.engine.track.RunHealth;
import dev.edgewise.engine.track.RunStore;
import dev.edgewise.engine.track.RunSummary;
import dev.edgewise.engine.track.SyncReport;
import dev.edgewise.engine.track.Syncable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Uploads to a tracker what it is missing of runs in the run store. Parents go before their
 * children, so a point of a sweep can be nested under its parent's id on the tracker. One run that
 * cannot be synced does not stop the others. A damaged run is never sent (the tracker's copy may be
 * the better one); a run whose process is gone is first ended FAILED, with the reason, in the run
 * store, then synced like any other.
 */
public final class Syncer {

    /**
     * One run's sync: its report, or why it failed.
     *
     * @param damage where the run store's copy is damaged (the run was then left alone), or null
     * @param markedFailed why a run whose process was gone was first ended FAILED, or null
     */
    public record Outcome(RunSummary run, SyncReport report, String error, boolean skipped, String damage, String markedFailed) {

        public Outcome(RunSummary run, SyncReport report, String error, boolean skipped) {
            this(run, report, error, skipped, null, null);
        }
    }

    private final Syncable target;

    public Syncer(Syncable target) {
        this.target = target;
    }

    public List<Outcome> sync(List<RunSummary> runs) {
        List<Outcome> out = new ArrayList<>();
        for (RunSummary run : parentsFirst(runs)) {
            try {
                RunFolder folder = RunFolder.at(run.dir());
                RunHealth health = folder.health();
                if (health.damaged()) {
                    // What is left of a damaged record is less than the tracker may hold: sending it could only take away.
                    out.add(new Outcome(run, null, null, true, run.dir().resolve(health.problem()).toString(), null));
                    continue;
                }
                String markedFailed = null;
                if (health.crashed()) {
                    markedFailed = health.problem();
                    RunStore.markFailed(folder, System.currentTimeMillis(), "crashed: " + health.problem());
                }
                List<RunEvent> events = folder.events();
                if (!wantsMlflow(events)) {
                    out.add(new Outcome(run, null, "its spec says tracking.mlflow: false", true, null, markedFailed));
                    continue;
                }
                out.add(new Outcome(run, target.sync(events), null, false, null, markedFailed));
            } catch (IOException | RuntimeException e) {
                out.add(new Outcome(run, null, e.getMessage() != null ? e.getMessage() : e.toString(), false));
            }
        }
        return out;
    }

    /** A run is synced after its parent (when both are being synced); otherwise by start time. */
    static List<RunSummary> parentsFirst(List<RunSummary> runs) {
        Map<String, RunSummary> byId = new HashMap<>();
        runs.forEach(r -> byId.put(r.runId(), r));
        Map<String, Integer> depth = new HashMap<>();
        for (RunSummary r : runs) {
            int d = 0;
            for (RunSummary p = byId.get(r.parentRunId()); p != null && d < runs.size(); p = byId.get(p.parentRunId())) {
                d++;
            }
            depth.put(r.runId(), d);
        }
        List<RunSummary> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingInt((RunSummary r) -> depth.get(r.runId())).thenComparingLong(RunSummary::startTimeMs));
        return sorted;
    }

    private static boolean wantsMlflow(List<RunEvent> events) {
        for (RunEvent e : events) {
            if (e instanceof RunEvent.Param p && p.key().equals("tracking.mlflow")) {
                return !p.value().equals("false");
            }
        }
        return true;
    }
}
