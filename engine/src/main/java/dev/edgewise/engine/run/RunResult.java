package dev.edgewise.engine.run;

import dev.edgewise.engine.track.RunStatus;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a finished run reports back: where it lives and its final metrics, in the order they were
 * computed. {@code cached} is true when no training happened because an identical run had already
 * finished: {@code runId} and {@code runDir} are then that run's.
 */
public record RunResult(String runId, String experiment, RunStatus status, Path runDir, Map<String, Double> metrics, double seconds,
        boolean cached) {

    public RunResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    public RunResult(String runId, String experiment, RunStatus status, Path runDir, Map<String, Double> metrics, double seconds) {
        this(runId, experiment, status, runDir, metrics, seconds, false);
    }
}
