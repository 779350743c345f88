package dev.edgewise.engine.run;

import dev.edgewise.engine.cache.RunCache;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one run fits into a larger job: its id and name when the caller picks them (a sweep names
 * its points and must know their ids before they start), its parent run, extra tags, and the run
 * cache to consult.
 *
 * @param runId the run's id, or null for a fresh one
 * @param runName the MLflow run name, or null for {@code <name>-<id prefix>}
 * @param parentRunId the parent run (a sweep), or null
 * @param tags logged on the run beside the provenance tags
 * @param cache where to look for an identical finished run, or null to always compute
 */
public record RunContext(String runId, String runName, String parentRunId, Map<String, String> tags, RunCache cache) {

    public static final RunContext DEFAULT = new RunContext(null, null, null, Map.of(), null);

    public RunContext {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public RunContext withCache(RunCache cache) {
        return new RunContext(runId, runName, parentRunId, tags, cache);
    }
}
