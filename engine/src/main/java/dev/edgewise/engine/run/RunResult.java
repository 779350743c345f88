package dev.edgewise.engine.run;

import dev.edgewise.engine.track.RunStatus;
import java.nio.file.Path;
import java.util.Map;

/** What a finished run reports back: where it lives and its final metrics. */
public record RunResult(String runId, String experiment, RunStatus status, Path runDir, Map<String, Double> metrics, double seconds) {

    public RunResult {
        metrics = Map.copyOf(metrics);
    }
}
