package dev.edgewise.engine.compare;

import dev.edgewise.engine.track.RunFolder;
import dev.edgewise.engine.track.RunSummary;
import dev.edgewise.engine.track.StoredRun;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs side by side: the params in which they differ, then every metric's final value, with the
 * difference (two runs: B − A and relative to A; more: the spread, max − min).
 */
public final class Comparison {

    private Comparison() {}

    /** The runs the arguments name; a sweep's parent run stands for its points, in point order. */
    public static List<RunSummary> expand(RunIndex index, List<String> specs) throws IOException {
        List<RunSummary> out = new ArrayList<>();
        for (String spec : specs) {
            RunSummary entry = index.find(spec);
            List<RunSummary> points = points(index, entry);
            out.addAll(points.isEmpty() ? List.of(entry) : points);
        }
        return out;
    }

    /** The point runs of a sweep's parent run; empty for any other run. */
    public static List<RunSummary> points(RunIndex index, RunSummary parent) throws IOException {
        Optional<List<String>> listed = RunFolder.at(parent.dir()).pointRunIds();
        if (listed.isEmpty()) {
            // A sweep that died before writing its list still has its points as children.
            return index.children(parent.runId());
        }
        List<RunSummary> out = new ArrayList<>();
        for (String runId : listed.get()) {
            try {
                out.add(index.find(runId));
            } catch (RunIndex.RunNotFoundException e) {
                // A point that failed before its run existed: nothing to compare.
            }
        }
        return out;
    }

    /** One table: rows {@code param} (only those that differ) then {@code metric} (all), a column per run. */
    public static Table table(List<StoredRun> runs, List<String> columnNames) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare");
        }
        List<String> headers = new ArrayList<>(List.of("kind", "name"));
        headers.addAll(columnNames);
        boolean pair = runs.size() == 2;
        if (pair) {
            headers.addAll(List.of("diff", "rel_diff"));
        } else if (runs.size() > 2) {
            headers.add("spread");
        }
        Table table = new Table(headers);
        Set<String> paramKeys = new LinkedHashSet<>();
        runs.forEach(r -> paramKeys.addAll(r.params().keySet()));
        for (String key : paramKeys) {
            List<Object> values = new ArrayList<>();
            runs.forEach(r -> values.add(r.params().get(key)));
            if (values.stream().distinct().count() > 1) {
                List<Object> row = new ArrayList<>(List.of("param", key));
                row.addAll(values);
                if (pair) {
                    row.addAll(java.util.Arrays.asList(null, null));
                } else if (runs.size() > 2) {
                    row.add(null);
                }
                table.add(row);
            }
        }
        List<Map<String, Double>> finals = runs.stream().map(Metrics::finalValues).toList();
        Set<String> metricKeys = new LinkedHashSet<>();
        finals.forEach(f -> metricKeys.addAll(f.keySet()));
        for (String key : metricKeys) {
            List<Double> values = finals.stream().map(f -> f.get(key)).toList();
            List<Object> row = new ArrayList<>(List.of(Metrics.isTiming(key) ? "timing" : "metric", key));
            row.addAll(values);
            if (pair) {
                Double a = values.get(0);
                Double b = values.get(1);
                Double diff = a != null && b != null ? b - a : null;
                row.add(diff);
                row.add(diff != null && a != 0 ? diff / Math.abs(a) : null);
            } else if (runs.size() > 2) {
                List<Double> present = values.stream().filter(Objects::nonNull).toList();
                row.add(present.isEmpty() ? null
                        : present.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                                - present.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
            }
            table.add(row);
        }
        return table;
    }
}
