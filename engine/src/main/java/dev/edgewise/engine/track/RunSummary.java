package dev.edgewise.engine.track;

import java.nio.file.Path;

/**
 * One run as its {@code run.json} describes it: cheap to read for every run of a store, since the
 * file is small and rewritten atomically at start and end. {@code endTimeMs} is null while RUNNING.
 */
public record RunSummary(String runId, String experiment, String runName, RunStatus status, long startTimeMs, Long endTimeMs,
        String parentRunId, Path dir) {

    public String shortId() {
        return runId.substring(0, Math.min(12, runId.length()));
    }
}
