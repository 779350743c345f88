package dev.edgewise.engine.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.engine.track.RunStore;
import dev.edgewise.engine.track.StoredRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs side by side: the params in which they differ, then every metric's final value, with the
 * difference (two runs: B − A and relative to A; more: the spread, max − min).
 */
public final class Comparison {

    /** The artifact of a sweep's parent run that lists its points' runs (cached points name earlier runs). */
    public static final String POINTS_ARTIFACT = "points.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Comparison() {}

    /** The runs the arguments name; a sweep's parent run stands for its points, in point order. */
    public static List<RunIndex.Entry> expand(RunIndex index, List<String> specs) throws IOException {
        List<RunIndex.Entry> out = new ArrayList<>();
        for (String spec : specs) {
            RunIndex.Entry entry = index.find(spec);
            List<RunIndex.Entry> points = points(index, entry);
            out.addAll(points.isEmpty() ? List.of(entry) : points);
        }
        return out;
    }

    /** The point runs of a sweep's parent run; empty for any other run. */
    public static List<RunIndex.Entry> points(RunIndex index, RunIndex.Entry parent) throws IOException {
        Path list = parent.dir().resolve(RunStore.ARTIFACTS_DIR).resolve(POINTS_ARTIFACT);
        List<RunIndex.Entry> out = new ArrayList<>();
        if (Files.isRegularFile(list)) {
            for (JsonNode point : JSON.readTree(list.toFile())) {
                if (point.hasNonNull("run_id")) {
                    try {
                        out.add(index.find(point.get("run_id").asText()));
                    } catch (RunIndex.RunNotFoundException e) {
                        // A point that failed before its run existed: nothing to compare.
                    }
                }
            }
            return out;
        }
        // A sweep that died before writing its list still has its points as children.
        return index.children(parent.runId());
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
