package dev.edgewise.engine.track;

import java.nio.file.Path;

/**
 * Everything a run reports, in order. Events flow one way: the engine emits them, the local
 * run store records them first, then trackers (MLflow) receive them.
 */
public sealed interface RunEvent {

    /** The run begins; always the first event of a run. */
    record Started(RunInfo run) implements RunEvent {}

    record Param(String key, String value) implements RunEvent {}

    record Tag(String key, String value) implements RunEvent {}

    /** One metric value at one step; {@code timestampMs} is wall-clock epoch milliseconds. */
    record Metric(String key, double value, long step, long timestampMs) implements RunEvent {}

    /**
     * A file produced by the run. {@code path} is where it lives under the run's artifacts
     * (forward slashes, e.g. {@code "spec.yaml"} or {@code "plots/loss.png"}); {@code file} is
     * where the engine wrote it. Sinks copy it: the source may be deleted after delivery.
     */
    record Artifact(String path, Path file) implements RunEvent {}

    /** The run ends; always the last event. {@code error} is null unless the run failed. */
    record Finished(RunStatus status, long endTimeMs, String error) implements RunEvent {}
}
