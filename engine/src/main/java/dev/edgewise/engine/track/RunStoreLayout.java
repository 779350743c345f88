package dev.edgewise.engine.track;

import java.nio.file.Path;

/**
 * Where a run store keeps what. The writer ({@link RunStore}, and the engine for the artifacts it
 * records) and the reader ({@link RunStoreReader}, {@link RunFolder}) both take the names from here,
 * so a name changes in one place or not at all.
 *
 * <p>A run lives in {@code <root>/<experiment folder>/<runId>/}:
 * <ul>
 *   <li>{@value #EVENTS_FILE} — every event, one JSON object per line, flushed as it arrives;
 *   <li>{@value #RUN_FILE} — run info, status, start/end time and error (rewritten atomically);
 *   <li>{@value #PARAMS_FILE}, {@value #TAGS_FILE} — sorted maps, rewritten atomically at flush and finish;
 *   <li>{@value #METRICS_FILE} — {@code key,step,timestamp,value}, one row per metric event;
 *   <li>{@value #ARTIFACTS_DIR}{@code /<path>} — copies of the artifact files.
 * </ul>
 * The summary files are conveniences for people and tools; the events file alone is complete even
 * if the process died mid-run.
 */
public final class RunStoreLayout {

    public static final String EVENTS_FILE = "events.jsonl";
    public static final String RUN_FILE = "run.json";
    public static final String PARAMS_FILE = "params.json";
    public static final String TAGS_FILE = "tags.json";
    public static final String METRICS_FILE = "metrics.csv";
    public static final String ARTIFACTS_DIR = "artifacts";
    static final String METRICS_HEADER = "key,step,timestamp,value";

    /** The resolved spec a run ran with; what a re-run starts from. */
    public static final String SPEC_ARTIFACT = "spec.yaml";
    /** The run's {@link RunProvenance}. */
    public static final String PROVENANCE_ARTIFACT = "provenance.json";
    /** A finished run's final metrics, {@code {"name": value, ...}}: what the run cache hands back. */
    public static final String RESULTS_ARTIFACT = "results.json";
    /** A failed run's stack trace, kept for whoever debugs it (the console shows one line). */
    public static final String ERROR_ARTIFACT = "error.txt";
    /** The artifact of a sweep's parent run that lists its points' runs (cached points name earlier runs). */
    public static final String POINTS_ARTIFACT = "points.json";

    private RunStoreLayout() {}

    /** The folder of one run. */
    public static Path runDir(Path root, String experimentName, String runId) {
        return root.resolve(experimentFolder(experimentName)).resolve(runId);
    }

    /** Where the run store puts a run, e.g. for a command that looks a run up by id. */
    public static Path runDir(Path root, RunInfo info) {
        return runDir(root, info.experimentName(), info.runId());
    }

    /**
     * A file-system-safe folder name for an experiment: any character outside {@code [A-Za-z0-9._-]}
     * becomes '_'. Names that differ only in such characters share a folder; run.json keeps the
     * real name.
     */
    public static String experimentFolder(String experimentName) {
        String cleaned = experimentName == null ? "" : experimentName.replaceAll("[^A-Za-z0-9._-]", "_");
        if (cleaned.length() > 100) {
            cleaned = cleaned.substring(0, 100);
        }
        if (cleaned.isEmpty() || cleaned.chars().allMatch(c -> c == '.')) {
            cleaned = "_" + cleaned;
        }
        return cleaned;
    }
}
