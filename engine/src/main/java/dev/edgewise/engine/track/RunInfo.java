package dev.edgewise.engine.track;

/**
 * Identity of one run. {@code runId} is 32 lowercase hex characters (MLflow's run_uuid form) and is
 * used verbatim by the run store and the MLflow file store; {@code parentRunId} is null for a
 * top-level run.
 */
public record RunInfo(
        String runId,
        String experimentName,
        String runName,
        long startTimeMs,
        String parentRunId,
        String user) {

    public RunInfo {
        if (runId == null || !runId.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("runId must be 32 lowercase hex characters: " + runId);
        }
    }
}
