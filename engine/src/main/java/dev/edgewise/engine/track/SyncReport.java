package dev.edgewise.engine.track;

import java.util.List;

/**
 * What one {@link Syncable#sync} did for one run: how much was missing from the tracker and was sent.
 * All zero (and {@code created} false) means the tracker already had the whole run.
 *
 * @param target the tracker's name
 * @param remoteRunId the run's id on the tracker
 * @param created whether the run itself was missing and was created
 * @param statusUpdated whether the run's final status (or end time) was set
 * @param notes anything a person should know (e.g. duplicate runs found from an older client)
 * @param duplicates metric values the tracker holds more often than the run store logged them:
 *     found and reported, not removable through MLflow's API
 */
public record SyncReport(String runId, String target, String remoteRunId, boolean created, int params, int tags, int metrics,
        int artifacts, boolean statusUpdated, List<String> notes, int duplicates) {

    public SyncReport {
        notes = List.copyOf(notes);
    }

    public SyncReport(String runId, String target, String remoteRunId, boolean created, int params, int tags, int metrics,
            int artifacts, boolean statusUpdated, List<String> notes) {
        this(runId, target, remoteRunId, created, params, tags, metrics, artifacts, statusUpdated, notes, 0);
    }

    public boolean upToDate() {
        return !created && params == 0 && tags == 0 && metrics == 0 && artifacts == 0 && !statusUpdated;
    }
}
