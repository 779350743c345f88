package dev.edgewise.engine.track;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A run as the run store recorded it. {@code status} is RUNNING (and {@code endTimeMs} null) for a
 * run that is still going or whose process died before it could finish; {@code metrics} are in the
 * order they were logged.
 */
public record StoredRun(
        RunInfo info,
        RunStatus status,
        Long endTimeMs,
        String error,
        SortedMap<String, String> params,
        SortedMap<String, String> tags,
        List<RunEvent.Metric> metrics) {

    public StoredRun {
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
        metrics = List.copyOf(metrics);
    }
}
