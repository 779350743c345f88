package dev.edgewise.engine.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run for a child JVM to do: the resolved spec (canonical YAML, no sweep block, so the child's
 * spec hash is the point's), where to record it, under which parent, and where to report back.
 *
 * @param specFile the resolved spec
 * @param sourceFile the experiment file it came from, kept as an artifact (may be null)
 * @param runId the id the run gets (chosen by the caller so it can be named before it starts)
 * @param force compute even if an identical run already finished
 * @param commandLine what to record as the run's command line
 * @param result where the child writes its {@link PointResult}
 */
public record PointJob(Path specFile, Path sourceFile, String runId, String runName, String parentRunId, Map<String, String> tags,
        Path runs, Path mlruns, boolean force, String commandLine, Path result) {

    public PointJob {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** The arguments of {@code edgewise point} that carry this job. */
    public List<String> arguments(boolean progress) {
        List<String> args = new ArrayList<>(List.of("point", "--spec", specFile.toString(), "--result", result.toString(),
                "--run-id", runId, "--run-name", runName, "--runs", runs.toString(), "--mlruns", mlruns.toString(),
                "--command-line", commandLine));
        if (sourceFile != null) {
            args.addAll(List.of("--source", sourceFile.toString()));
        }
        if (parentRunId != null) {
            args.addAll(List.of("--parent", parentRunId));
        }
        tags.forEach((k, v) -> args.addAll(List.of("--tag", k + "=" + v)));
        if (force) {
            args.add("--force");
        }
        if (!progress) {
            args.add("--no-progress");
        }
        return args;
    }
}
